import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export type ApiUserPoolProps =
  | {
      /** Create a user pool with an app client for the receipt apps. */
      readonly mode: 'create';
      /** `required`: every user sets up TOTP; `optional`: users may. */
      readonly mfa: 'required' | 'optional';
      /**
       * What happens to the pool (and its users) when the stack is deleted.
       * @default RemovalPolicy.RETAIN
       */
      readonly removalPolicy?: RemovalPolicy;
      /**
       * Send verification and reset mail through SES from this address (its domain, or `sesVerifiedDomain`, a
       * verified SES identity).
       * @default - Cognito's own sender, limited to a few dozen messages a day
       */
      readonly email?: {
        readonly fromEmail: string;
        readonly sesVerifiedDomain?: string;
        readonly sesRegion?: string;
      };
      /**
       * Redirect URLs of the hosted UI (authorization code grant, `openid email profile`).
       * @default - no OAuth flow: the apps sign in with SRP only
       */
      readonly oauthCallbackUrls?: readonly string[];
    }
  | {
      /** Use an existing pool; nothing is created. */
      readonly mode: 'import';
      readonly userPoolId: string;
      readonly userPoolClientId: string;
    };

/**
 * The Cognito user pool whose tokens the API accepts: created (self sign-up with a verified email, strong
 * passwords, MFA per stage) or imported by id.
 */
export class ApiUserPool extends Construct {
  readonly userPool: cognito.IUserPool;
  readonly userPoolClientId: string;
  /** The created pool, undefined when imported. */
  readonly createdPool: cognito.UserPool | undefined;

  constructor(scope: Construct, id: string, props: ApiUserPoolProps) {
    super(scope, id);
    if (props.mode === 'import') {
      this.userPool = cognito.UserPool.fromUserPoolId(this, 'Imported', props.userPoolId);
      this.userPoolClientId = props.userPoolClientId;
      this.createdPool = undefined;
      return;
    }
    const pool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: props.mfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Stated, not inherited: the tier decides the per-user price and the features (Plus is acknowledged as COG8).
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      ...(props.email === undefined
        ? {}
        : {
            email: cognito.UserPoolEmail.withSES({
              fromEmail: props.email.fromEmail,
              ...(props.email.sesVerifiedDomain === undefined
                ? {}
                : { sesVerifiedDomain: props.email.sesVerifiedDomain }),
              ...(props.email.sesRegion === undefined ? {} : { sesRegion: props.email.sesRegion }),
            }),
          }),
      deletionProtection: (props.removalPolicy ?? RemovalPolicy.RETAIN) === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const client = pool.addClient('AppClient', {
      // A public client (browser/mobile): no secret; SRP so passwords never travel in clear.
      generateSecret: false,
      authFlows: { userSrp: true },
      // CDK's default enables the implicit grant with https://example.com as callback: say exactly what is allowed.
      ...(props.oauthCallbackUrls === undefined
        ? { disableOAuth: true }
        : {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
              callbackUrls: [...props.oauthCallbackUrls],
              logoutUrls: [...props.oauthCallbackUrls],
            },
          }),
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.userPool = pool;
    this.userPoolClientId = client.userPoolClientId;
    this.createdPool = pool;
  }
}
