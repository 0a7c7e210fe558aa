import { RemovalPolicy } from 'aws-cdk-lib';
import type { StageConfig } from './stages.js';

export function removalPolicyOf(config: StageConfig): RemovalPolicy {
  return config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
