import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { removalPolicyOf } from '../config/removal.js';
import type { StageConfig } from '../config/stages.js';
import { ReviewWebApp } from '../constructs/review-web-app.js';
import { referenceStorage } from './storage-refs.js';
import { acknowledgeWebFindings } from './web-acknowledgements.js';

export interface WebStackProps extends StackProps {
  readonly config: StageConfig;
  /** Folder of the built review page (web/build.ts). */
  readonly source: string;
  readonly restApi: apigw.RestApi;
  readonly userPool: cognito.IUserPool;
}

/**
 * The review page of one stage: CloudFront in front of a private bucket, signed in through the user pool's hosted
 * UI. Its URL must be one of the stage's `corsAllowedOrigins` (the bucket's CORS rule lets the page upload): after
 * the first deploy, add the `WebUrl` output with `-c corsAllowedOrigins=...` (docs/deploy.md).
 */
export class WebStack extends Stack {
  readonly web: ReviewWebApp;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { bucket } = referenceStorage(this, config);
    this.web = new ReviewWebApp(this, 'ReviewPage', {
      source: props.source,
      apiUrl: props.restApi.url,
      apiOrigin: `https://${props.restApi.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      receiptsBucket: bucket,
      userPool: props.userPool,
      cognitoDomainPrefix: `receipt-ocr-${config.stage}-${Aws.ACCOUNT_ID}`,
      removalPolicy: removalPolicyOf(config),
      accessLogExpiryDays: config.logRetentionDays,
    });
    acknowledgeWebFindings(this, this.web);
    new CfnOutput(this, 'WebUrl', { value: this.web.url, description: 'The review page' });
    new CfnOutput(this, 'HostedUiUrl', { value: this.web.userPoolDomain.baseUrl() });
  }
}
