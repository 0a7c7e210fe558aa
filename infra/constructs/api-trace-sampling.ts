import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';
import { requireIntInRange } from './validate.js';

export interface ApiTraceSamplingProps {
  /** The API stage whose requests the rule samples (its ARN is the rule's resource). */
  readonly stage: apigw.Stage;
  /** Rule name, unique in the account and region: 1 to 32 letters, digits, `-` and `_`. */
  readonly ruleName: string;
  /** Requests traced each second before `fixedRate` applies (X-Ray's default rule: 1). */
  readonly reservoirPerSecond: number;
  /** Share of the other requests traced, 0 to 1 (X-Ray's default rule: 0.05). */
  readonly fixedRate: number;
  /**
   * Rule priority; lower wins. X-Ray's own Default rule has 10000.
   * @default 1000
   */
  readonly priority?: number;
}

/**
 * An X-Ray sampling rule for one API Gateway stage: API Gateway decides per request whether to trace it, and the
 * Lambda functions behind it follow that decision. X-Ray bills each trace recorded, so at volume the default rule
 * (1 a second plus 5 %) costs more than the traces are worth.
 */
export class ApiTraceSampling extends Construct {
  readonly rule: xray.CfnSamplingRule;

  constructor(scope: Construct, id: string, props: ApiTraceSamplingProps) {
    super(scope, id);
    if (!/^[\w-]{1,32}$/.test(props.ruleName)) {
      throw new Error(`ApiTraceSampling: ruleName must be 1-32 of A-Z a-z 0-9 - _, got "${props.ruleName}"`);
    }
    requireIntInRange('ApiTraceSampling reservoirPerSecond', props.reservoirPerSecond, 0, 100_000);
    if (!(props.fixedRate >= 0 && props.fixedRate <= 1)) {
      throw new Error(`ApiTraceSampling: fixedRate must be within 0..1, got ${props.fixedRate}`);
    }
    this.rule = new xray.CfnSamplingRule(this, 'Rule', {
      samplingRule: {
        ruleName: props.ruleName,
        priority: props.priority ?? 1000,
        reservoirSize: props.reservoirPerSecond,
        fixedRate: props.fixedRate,
        resourceArn: props.stage.stageArn,
        serviceType: 'AWS::ApiGateway::Stage',
        serviceName: '*',
        host: '*',
        httpMethod: '*',
        urlPath: '*',
        version: 1,
      },
    });
  }
}
