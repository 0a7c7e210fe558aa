import type { Template } from 'aws-cdk-lib/assertions';

interface MethodProperties {
  HttpMethod: string;
  ResourceId: { Ref: string } | { 'Fn::GetAtt': [string, string] };
  AuthorizationType?: string;
  AuthorizerId?: { Ref: string };
  RequestValidatorId?: { Ref: string };
  RequestModels?: Record<string, { Ref: string }>;
  RequestParameters?: Record<string, boolean>;
  Integration?: { Type?: string; Uri?: unknown };
}

/** Every API Gateway method of the template keyed by `METHOD /path`, rebuilt from the resource tree. */
export function methodsByRoute(template: Template): Map<string, MethodProperties> {
  const resources = template.findResources('AWS::ApiGateway::Resource') as Record<
    string,
    { Properties: { PathPart: string; ParentId: { Ref: string } | { 'Fn::GetAtt': [string, string] } } }
  >;
  const pathOf = (ref: MethodProperties['ResourceId']): string => {
    if ('Fn::GetAtt' in ref) return ''; // the API's root resource
    const resource = resources[ref.Ref];
    if (resource === undefined) throw new Error(`unknown API resource ${ref.Ref}`);
    return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
  };
  const routes = new Map<string, MethodProperties>();
  for (const method of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
    const properties = (method as { Properties: MethodProperties }).Properties;
    routes.set(`${properties.HttpMethod} ${pathOf(properties.ResourceId) || '/'}`, properties);
  }
  return routes;
}
