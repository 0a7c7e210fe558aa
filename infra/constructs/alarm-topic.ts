import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /**
   * Address subscribed to the alarms (confirms by email).
   * @default - no subscription; subscribe by hand
   */
  readonly email?: string;
  /**
   * HTTPS endpoint subscribed to the topic: a pager or chat integration (PagerDuty, Opsgenie, a chat webhook).
   * @default - none
   */
  readonly webhookUrl?: string;
  /**
   * Refuse a topic nobody is subscribed to (production: an alarm must reach someone).
   * @default false
   */
  readonly requireSubscriber?: boolean;
}

/**
 * SNS topic for CloudWatch alarms, encrypted with a customer-managed key (CloudWatch cannot publish to a topic
 * under the AWS-managed SNS key), TLS-only.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    if (props.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.email)) {
      throw new Error(`AlarmTopic: "${props.email}" is not an email address`);
    }
    if (props.webhookUrl !== undefined && !props.webhookUrl.startsWith('https://')) {
      throw new Error(`AlarmTopic: webhookUrl must be an https:// URL, got "${props.webhookUrl}"`);
    }
    if (props.requireSubscriber === true && props.email === undefined && props.webhookUrl === undefined) {
      throw new Error(
        'AlarmTopic: no subscriber: set email or webhookUrl (alarms.email / alarms.webhookUrl)',
      );
    }
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true, description: 'receipt-ocr alarm topic' });
    // CloudWatch publishes the alarms: only for alarms of this account (no confused deputy through the service).
    const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const thisAccount = { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } };
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: thisAccount,
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: thisAccount,
      }),
    );
    if (props.email !== undefined)
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    if (props.webhookUrl !== undefined)
      this.topic.addSubscription(new subscriptions.UrlSubscription(props.webhookUrl));
  }
}
