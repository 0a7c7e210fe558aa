/**
 * API Gateway request models generated from the zod schemas the handlers validate with (the route table's
 * `body.schema`, functions/api/schemas.ts): zod 4 writes JSON Schema draft 4, API Gateway's dialect. The gateway
 * checks what JSON Schema can say (types, required properties, enums, lengths, patterns, no unknown properties);
 * refinements zod cannot express there (e.g. "fields or items") stay with the handler.
 */
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { z } from 'zod';

export function gatewayModelSchema(schema: z.ZodType): apigw.JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-4',
    // What a client sends: defaults are optional.
    io: 'input',
    unrepresentable: 'any',
    // An empty registry: the OpenAPI ids and descriptions stay out, every part inline (a model has no
    // `#/definitions` of the document to point at).
    metadata: z.registry(),
  });
  // CDK writes `schema` as `$schema` and passes every other keyword through as it is.
  return { schema: apigw.JsonSchemaVersion.DRAFT4, ...rest } as apigw.JsonSchema;
}
