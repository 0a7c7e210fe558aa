import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { requireIntInRange } from './validate.js';

export interface ApiWebAclProps {
  /** The API stage the web ACL protects. */
  readonly stage: apigw.Stage;
  /** Name of the web ACL and prefix of its CloudWatch metrics (unique per stage and account). */
  readonly name: string;
  /** Requests one IP address may send in 5 minutes before WAF answers 429. */
  readonly requestsPerIpPer5Minutes: number;
  /** Requests with one `Authorization` value (one signed-in session) in 5 minutes before WAF answers 429. */
  readonly requestsPerTokenPer5Minutes: number;
}

/** The JSON body of a WAF 429, in the API's `{ "error": { code, message } }` shape. */
const RATE_LIMITED_BODY = JSON.stringify({
  error: { code: 'RATE_LIMITED', message: 'Too many requests from this client: retry in a few minutes' },
});

/** WAF evaluates rate-based rules over this window; clients are told to wait as long. */
const WINDOW_SECONDS = 300;

/**
 * A regional AWS WAF web ACL on the API stage: AWS's IP reputation list, and rate limits per IP address and per
 * token that answer 429 with `Retry-After`. API Gateway's own throttles are per method for everyone together; these
 * stop one client from using the whole of them.
 */
export class ApiWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    // WAF's limits for rate-based rules.
    requireIntInRange(
      'ApiWebAcl requestsPerIpPer5Minutes',
      props.requestsPerIpPer5Minutes,
      10,
      2_000_000_000,
    );
    requireIntInRange(
      'ApiWebAcl requestsPerTokenPer5Minutes',
      props.requestsPerTokenPer5Minutes,
      10,
      2_000_000_000,
    );
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${props.name}-${metricName}`,
      sampledRequestsEnabled: true,
    });
    const rateLimited: wafv2.CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'rate-limited',
          responseHeaders: [{ name: 'Retry-After', value: String(WINDOW_SECONDS) }],
        },
      },
    };
    const rateRule = (
      name: string,
      priority: number,
      limit: number,
      key: Pick<wafv2.CfnWebACL.RateBasedStatementProperty, 'aggregateKeyType' | 'customKeys'>,
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: rateLimited,
      statement: { rateBasedStatement: { limit, evaluationWindowSec: WINDOW_SECONDS, ...key } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('all'),
      customResponseBodies: {
        'rate-limited': { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
      },
      rules: [
        {
          name: 'ip-reputation',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
          visibilityConfig: visibility('ip-reputation'),
        },
        rateRule('per-ip', 1, props.requestsPerIpPer5Minutes, { aggregateKeyType: 'IP' }),
        // Requests without the header are not counted here; the per-IP rule still covers them.
        rateRule('per-token', 2, props.requestsPerTokenPer5Minutes, {
          aggregateKeyType: 'CUSTOM_KEYS',
          customKeys: [
            { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } },
          ],
        }),
      ],
    });
    const association = new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage ARN is assembled from names, not a reference: without this the association can precede the stage.
    association.node.addDependency(props.stage);
  }
}
