/**
 * The cdk-nag (AwsSolutions) findings the review page's stack accepts, each on the construct it concerns and with
 * the reason. Anything not listed fails `cdk synth` and the cdk-nag test.
 */
import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ReviewWebApp } from '../constructs/review-web-app.js';

const NAG = 'AwsSolutions::AwsSolutions';

function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `${NAG}-${rule}`, reason });
}

export function acknowledgeWebFindings(stack: Stack, web: ReviewWebApp): void {
  acknowledge(
    web.logsBucket,
    'S1',
    'This bucket receives the access logs (S3 and CloudFront); logging it into itself would loop.',
  );
  acknowledge(
    web.distribution,
    'CFR1',
    'The review page serves signed-in users wherever they travel; the API behind it authorizes every request.',
  );
  acknowledge(
    web.distribution,
    'CFR2',
    'WAF in front of the page is optional (ReviewWebApp webAclId): the page is static files; the API has its own throttling.',
  );
  acknowledge(
    web.distribution,
    'CFR4',
    'With the default *.cloudfront.net certificate the viewer TLS policy is fixed by CloudFront (TLSv1); a custom domain with an ACM certificate and TLSv1.2_2021 is the fix, which this construct does not offer yet.',
  );
  // The BucketDeployment's singleton function (CDK's own) copies the files and invalidates the distribution.
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    acknowledge(
      child,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's BucketDeployment function writes its logs with the basic execution role.",
    );
    const reason =
      "CDK's BucketDeployment function copies the page from the CDK asset bucket into the page bucket (CDK's own grants: s3:GetObject*/List*/Abort*/DeleteObject* on exactly those two buckets) and invalidates the distribution (CloudFront invalidations have no resource-level permission).";
    for (const finding of [
      'Resource::*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      `Resource::<${stack.getLogicalId(web.siteBucket.node.defaultChild as CfnElement)}.Arn>/*`,
    ]) {
      acknowledge(child, `IAM5[${finding}]`, reason);
    }
    acknowledge(
      child,
      'L1',
      "CDK's BucketDeployment function pins its own runtime; it runs only during deployments.",
    );
  }
}
