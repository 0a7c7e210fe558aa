import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy, HSTS_MAX_AGE_SECONDS } from '../../web/headers.js';

export interface ReviewWebAppProps {
  /** Folder of the built page (index.html, app.js, app.css): `buildWeb()` of web/build.ts. */
  readonly source: string;
  /** Base URL of the REST API the page calls (`RestApi.url`). */
  readonly apiUrl: string;
  /** Origin of that API (`https://<id>.execute-api.<region>.amazonaws.com`), for the Content-Security-Policy. */
  readonly apiOrigin: string;
  /** The receipts bucket: the page uploads to it (presigned POST) and shows its images (presigned GET). */
  readonly receiptsBucket: s3.IBucket;
  /** The user pool whose ID tokens the API accepts; the page signs in through its hosted UI. */
  readonly userPool: cognito.IUserPool;
  /**
   * Prefix of the hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region.
   * A pool has one domain: leave the pool without one of its own.
   */
  readonly cognitoDomainPrefix: string;
  /**
   * AWS WAF web ACL (CLOUDFRONT scope, us-east-1) in front of the distribution.
   * @default - none
   */
  readonly webAclId?: string;
  /**
   * What happens to the page and log buckets when the stack is deleted; DESTROY empties them first.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Days after which access log objects (S3 and CloudFront) are deleted.
   * @default 90
   */
  readonly accessLogExpiryDays?: number;
}

/**
 * The review page on CloudFront: a private bucket read only through origin access control, HTTPS only, security
 * headers on every response (CSP naming exactly the API, the receipts bucket and the hosted UI), access logs, and
 * `config.json` written at deploy time with the API URL and the hosted UI's app client, whose callback is this
 * distribution.
 */
export class ReviewWebApp extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly siteBucket: s3.Bucket;
  readonly logsBucket: s3.Bucket;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly userPoolDomain: cognito.UserPoolDomain;
  /** `https://<distribution domain>/`: the page, and the hosted UI's callback and sign-out URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ReviewWebAppProps) {
    super(scope, id);
    const prefix = props.cognitoDomainPrefix;
    if (!Token.isUnresolved(prefix) && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
      throw new Error(
        'ReviewWebApp: cognitoDomainPrefix must be lowercase letters, digits and dashes (1-63)',
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const destroy = removalPolicy === RemovalPolicy.DESTROY;
    const logExpiry = props.accessLogExpiryDays ?? 90;
    if (!Number.isInteger(logExpiry) || logExpiry < 1) {
      throw new Error('ReviewWebApp: accessLogExpiryDays must be a positive integer');
    }

    // CloudFront standard logging writes with ACLs, so this bucket (and only this one) keeps object ownership
    // "bucket owner preferred".
    this.logsBucket = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(logExpiry) }],
      removalPolicy,
      autoDeleteObjects: destroy,
    });
    this.siteBucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy,
      autoDeleteObjects: destroy,
    });

    this.userPoolDomain = new cognito.UserPoolDomain(this, 'HostedUi', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.cognitoDomainPrefix },
    });
    const hostedUi = this.userPoolDomain.baseUrl();

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'receipt-ocr review page: CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            connect: [props.apiOrigin, `https://${props.receiptsBucket.bucketRegionalDomainName}`, hostedUi],
            images: [`https://${props.receiptsBucket.bucketRegionalDomainName}`],
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'receipt-ocr review page',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclId === undefined ? {} : { webAclId: props.webAclId }),
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    // A public client (code flow with PKCE, no secret) for the page; the API's authorizer accepts the ID tokens of
    // every client of the pool.
    this.userPoolClient = new cognito.UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [this.url],
        logoutUrls: [this.url],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

    new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.siteBucket,
      sources: [
        s3deploy.Source.asset(props.source),
        s3deploy.Source.jsonData('config.json', {
          apiUrl: props.apiUrl,
          auth: {
            mode: 'cognito',
            domain: hostedUi,
            clientId: this.userPoolClient.userPoolClientId,
            redirectUri: this.url,
          },
        }),
      ],
      // Small files that change together: browsers revalidate, and each deployment invalidates the edge caches.
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
    });
  }
}
