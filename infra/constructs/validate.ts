/** Prop checks shared by the constructs: they fail synth with the prop's name instead of a CloudFormation error. */
import { isKeyPrefix, KEY_PREFIX } from '../../functions/contract/rules.js';

export function requirePrefix(name: string, value: string): void {
  if (!isKeyPrefix(value)) throw new Error(`${name} must be ${KEY_PREFIX.description}, got "${value}"`);
}

export function requireIntInRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}
