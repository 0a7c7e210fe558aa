import type { Template } from 'aws-cdk-lib/assertions';

type Json = unknown;

/** CloudFormation references as short strings: `<Logical.Attr>`, `<AWS::Region>`, joins concatenated. */
function flatten(node: Json): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, Json>;
    const join = record['Fn::Join'] as [string, Json[]] | undefined;
    if (join !== undefined) return join[1].map(flatten).join(join[0]);
    const getAtt = record['Fn::GetAtt'] as [string, string] | undefined;
    if (getAtt !== undefined) return `<${getAtt[0]}.${getAtt[1]}>`;
    if (typeof record.Ref === 'string') return `<${record.Ref}>`;
  }
  return JSON.stringify(node);
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/**
 * Every `action resource` pair the role of one Lambda function is allowed, across the role's policies, sorted;
 * a statement's condition follows as ` when <condition JSON>`.
 * Log-group statements are reported as `logs:... <own log group>` when they target the function's own group.
 */
export function permissionsOfFunction(template: Template, functionLogicalId: string): string[] {
  const fn = template.toJSON().Resources[functionLogicalId] as
    | { Properties: { Role: { 'Fn::GetAtt': [string, string] }; LoggingConfig?: { LogGroup?: Json } } }
    | undefined;
  if (fn === undefined) throw new Error(`no resource ${functionLogicalId}`);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const ownLogGroup = flatten(fn.Properties.LoggingConfig?.LogGroup ?? null).replace(/^<(\w+)>$/, '$1');
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleId }] },
  });
  const pairs = new Set<string>();
  for (const policy of Object.values(policies)) {
    const statements = (policy as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties
      .PolicyDocument.Statement;
    for (const statement of statements as Array<{
      Effect: string;
      Action: string | string[];
      Resource: Json;
      Condition?: Json;
    }>) {
      if (statement.Effect !== 'Allow') continue;
      const when = statement.Condition === undefined ? '' : ` when ${JSON.stringify(statement.Condition)}`;
      for (const action of asArray(statement.Action)) {
        for (const resource of asArray(statement.Resource)) {
          pairs.add(
            `${action} ${flatten(resource).replace(`<${ownLogGroup}.Arn>`, '<own log group>')}${when}`,
          );
        }
      }
    }
  }
  return [...pairs].sort();
}

/** Logical id of the only resource of `type` whose logical id starts with `prefix`. */
export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} starting with ${prefix}, found ${ids.join(', ')}`);
  return ids[0] as string;
}
