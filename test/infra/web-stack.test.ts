/** The review page's stack: private bucket behind CloudFront with OAC, HTTPS only, security headers, hosted UI. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReviewWebApp, type ReviewWebAppProps } from '../../infra/constructs/review-web-app.js';
import { buildWeb } from '../../web/build.js';
import { contentSecurityPolicy } from '../../web/headers.js';
import { PRIVATE_ENCRYPTED_BUCKET } from './support/buckets.js';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';

// One stage through the whole app (a synth of five stacks is the slow part); what differs per stage, the removal
// policy, is checked on the construct alone below.
const stage = 'dev';
const deletionPolicy = 'Delete';

describe('web stack (dev)', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  let template: Template;
  let distributionId: string;
  beforeAll(() => {
    template = Template.fromStack(buildApp(stage).stacks.web);
    distributionId = Object.keys(template.findResources('AWS::CloudFront::Distribution'))[0] ?? '';
  }, CDK_TEST_TIMEOUT_MS);

  it('keeps the page in a private, encrypted, TLS-only bucket with access logs', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: deletionPolicy,
      Properties: {
        ...PRIVATE_ENCRYPTED_BUCKET,
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'site-bucket/' },
      },
    });
  });

  it('lets only this distribution read the bucket, through origin access control', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: {
              StringEquals: {
                'AWS:SourceArn': {
                  'Fn::Join': [
                    '',
                    Match.arrayWith([Match.stringLikeRegexp(':distribution/'), { Ref: distributionId }]),
                  ],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  it('serves HTTPS only, GET/HEAD only, with index.html at the root and logs', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        HttpVersion: 'http2and3',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD'],
          Compress: true,
        }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('sends the security headers on every response, the CSP naming the API, the bucket and the hosted UI', () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const config = Object.values(policies)[0]?.Properties.ResponseHeadersPolicyConfig;
    const security = config.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('.execute-api.');
    expect(csp).toContain(`receipt-ocr-${stage}-`);
    expect(csp).toContain('.auth.');
    expect(contentSecurityPolicy({ connect: [], images: [] })).not.toContain('unsafe');
  });

  it('creates a public app client for the hosted UI whose callback is the distribution', () => {
    const callback = {
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']],
    };
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: [callback],
      LogoutURLs: [callback],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', [`receipt-ocr-${stage}-`, { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('deploys the page with config.json (API URL, hosted UI client) and invalidates the cache', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      SourceMarkersConfig: Match.anyValue(),
    });
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0];
    // config.json's deploy-time values: the API URL (from the API stack), the hosted UI domain, the app client and
    // the distribution's own URL as the redirect.
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    const id = (type: string) => Object.keys(template.findResources(type))[0];
    expect(markers).toContain(`"OutputName":"PublishOutputRefReceiptsApi`);
    expect(markers).toContain(`{"Ref":"${id('AWS::Cognito::UserPoolDomain')}"}`);
    expect(markers).toContain(`{"Ref":"${id('AWS::Cognito::UserPoolClient')}"}`);
    expect(markers).toContain(`{"Fn::GetAtt":["${distributionId}","DomainName"]}`);
  });
});

describe('ReviewWebApp alone', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  const source = buildWeb(mkdtempSync(join(tmpdir(), 'receipt-ocr-web-test-'))).outDir;
  const webApp = (props: Partial<ReviewWebAppProps> = {}) => {
    const stack = new Stack(new App(), 'Alone');
    const web = new ReviewWebApp(stack, 'Web', {
      source,
      apiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/',
      apiOrigin: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
      receiptsBucket: s3.Bucket.fromBucketName(stack, 'Receipts', 'receipts-bucket'),
      userPool: cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbC123'),
      cognitoDomainPrefix: 'receipts-review',
      ...props,
    });
    return { stack, web };
  };

  it('retains its buckets by default (prod) and puts a given web ACL in front', () => {
    const template = Template.fromStack(
      webApp({ webAclId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y' }).stack,
    );
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(buckets.map((bucket) => bucket.DeletionPolicy)).toEqual(['Retain', 'Retain']);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y',
      }),
    });
  });

  it.each([
    [
      'a hosted UI prefix that Cognito refuses',
      { cognitoDomainPrefix: 'Receipts_Review' },
      /cognitoDomainPrefix/,
    ],
    ['log expiry that is not a positive integer', { accessLogExpiryDays: 0 }, /accessLogExpiryDays/],
  ])('refuses %s before building anything', (_name, props, message) => {
    expect(() => webApp(props)).toThrow(message);
  });
});
