import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateReceiptRequestSchema, UpdateReceiptRequestSchema } from '../../functions/api/schemas.js';
import { UPLOAD_CONTENT_TYPES } from '../../functions/contract/media-types.js';
import { API_HANDLERS } from '../../infra/stacks/api-routes.js';
import { methodsByRoute } from './support/api-routes.js';
import { DEV_BUCKET_ARN as BUCKET_ARN, DEV_TABLE_ARN as TABLE_ARN } from './support/arns.js';
import { buildApp, CDK_TEST_TIMEOUT_MS } from './support/build-app.js';
import { logicalIdOf, permissionsOfFunction } from './support/policies.js';

const BASE = [
  'logs:CreateLogStream <own log group>',
  'logs:PutLogEvents <own log group>',
  'xray:PutTelemetryRecords *',
  'xray:PutTraceSegments *',
];

const EXPECTED_ROUTES = [
  'GET /health',
  'POST /receipts',
  'GET /receipts',
  'GET /receipts/export',
  'GET /receipts/{id}',
  'GET /receipts/{id}/text',
  'GET /receipts/{id}/image',
  'PATCH /receipts/{id}',
  'DELETE /receipts/{id}',
  'POST /receipts/{id}/reprocess',
  'POST /ocr',
];

describe('API stack (dev)', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  let template: Template;
  let routes: ReturnType<typeof methodsByRoute>;
  const functionId = (id: string) => logicalIdOf(template, 'AWS::Lambda::Function', `${id}Function`);

  beforeAll(() => {
    template = Template.fromStack(buildApp('dev').stacks.api);
    routes = methodsByRoute(template);
  }, CDK_TEST_TIMEOUT_MS);

  it('serves exactly the contract routes (plus CORS preflights)', () => {
    const served = [...routes.keys()].filter((route) => !route.startsWith('OPTIONS '));
    expect(served.sort()).toEqual([...EXPECTED_ROUTES].sort());
  });

  it('requires the Cognito authorizer on every route but GET /health', () => {
    const authorizerId = logicalIdOf(template, 'AWS::ApiGateway::Authorizer', 'ReceiptsAuthorizer');
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [logicalIdOf(template, 'AWS::Cognito::UserPool', 'UsersPool'), 'Arn'] }],
    });
    for (const route of EXPECTED_ROUTES) {
      const method = routes.get(route);
      if (route === 'GET /health') {
        expect(method, route).toMatchObject({ AuthorizationType: 'NONE' });
        expect(method?.AuthorizerId, route).toBeUndefined();
      } else {
        expect(method, route).toMatchObject({
          AuthorizationType: 'COGNITO_USER_POOLS',
          AuthorizerId: { Ref: authorizerId },
        });
      }
    }
  });

  it('validates requests: a validator on every route, the create body schema, path parameters', () => {
    const validatorId = logicalIdOf(template, 'AWS::ApiGateway::RequestValidator', 'ReceiptsApiValidator');
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    for (const route of EXPECTED_ROUTES) {
      expect(routes.get(route)?.RequestValidatorId, route).toEqual({ Ref: validatorId });
    }
    expect(routes.get('GET /receipts/{id}/text')?.RequestParameters).toEqual({
      'method.request.path.id': true,
    });
  });

  it.each([
    ['POST /receipts', CreateReceiptRequestSchema],
    ['PATCH /receipts/{id}', UpdateReceiptRequestSchema],
  ])('checks the body of %s against the schema its handler validates with', (route, schema) => {
    // Prepare: the handler's zod schema as JSON Schema draft 4, for the body a client sends
    const expected = z.toJSONSchema(schema, {
      target: 'draft-4',
      io: 'input',
      unrepresentable: 'any',
      metadata: z.registry(),
    });

    // Act
    const reference = routes.get(route)?.RequestModels?.['application/json'];
    const model = template.toJSON().Resources[reference?.Ref ?? '']?.Properties;

    // Assess
    expect(model?.ContentType).toBe('application/json');
    expect(model?.Schema).toEqual(expected);
    expect(model?.Schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(model?.Schema.additionalProperties).toBe(false);
  });

  it('lists the upload types the handler accepts in the create model, and checks no optional body', () => {
    const reference = routes.get('POST /receipts')?.RequestModels?.['application/json'];
    const schema = template.toJSON().Resources[reference?.Ref ?? ''].Properties.Schema;
    expect(schema.properties.contentType.enum).toEqual(Object.keys(UPLOAD_CONTENT_TYPES));
    expect(schema.required).toEqual(['contentType']);
    // Reprocess takes an empty body too, which no model accepts: the handler checks it.
    expect(routes.get('POST /receipts/{id}/reprocess')?.RequestModels).toBeUndefined();
  });

  it('integrates each route with its handler by Lambda proxy, POST /ocr with the OCR image function', () => {
    for (const spec of API_HANDLERS) {
      const fn = functionId(spec.id);
      for (const route of spec.routes) {
        const integration = routes.get(`${route.method} ${route.path}`)?.Integration;
        expect(integration?.Type).toBe('AWS_PROXY');
        expect(JSON.stringify(integration?.Uri)).toContain(`"${fn}"`);
      }
    }
    expect(JSON.stringify(routes.get('POST /ocr')?.Integration?.Uri)).toContain(`"${functionId('SyncOcr')}"`);
    template.hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      ImageConfig: { Command: ['ocr/sync-ocr.handler'] },
      Architectures: ['arm64'],
      MemorySize: 1769,
      // Below API Gateway's 29 s, so the function's own timeout error comes first.
      Timeout: 25,
      ReservedConcurrentExecutions: 2,
    });
  });

  it('runs the route handlers as Node.js 22 esbuild bundles on arm64 with X-Ray', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          OCR_QUEUE_URL: Match.anyValue(),
          RECEIPTS_TABLE: 'receipt-ocr-dev-receipts',
          CORS_ALLOWED_ORIGINS: 'http://localhost:5173,http://127.0.0.1:3000',
        }),
      },
    });
  });

  it('throttles each expensive method on its own, traces and access-logs the stage; execution logs carry no bodies', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          MetricsEnabled: true,
          ThrottlingRateLimit: 20,
          ThrottlingBurstLimit: 40,
        },
        { HttpMethod: 'POST', ResourcePath: '/~1ocr', ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2 },
        { HttpMethod: 'POST', ResourcePath: '/~1receipts', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        {
          HttpMethod: 'POST',
          ResourcePath: '/~1receipts~1{id}~1reprocess',
          ThrottlingRateLimit: 2,
          ThrottlingBurstLimit: 4,
        },
      ],
    });
  });

  it("access-logs the caller's sub and why a request failed (authorizer, WAF, integration)", () => {
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0] as {
      Properties: { AccessLogSetting: { Format: string } };
    };
    expect(JSON.parse(stage.Properties.AccessLogSetting.Format)).toMatchObject({
      sub: '$context.authorizer.claims.sub',
      status: '$context.status',
      integrationStatus: '$context.integrationStatus',
      integrationError: '$context.integrationErrorMessage',
      errorType: '$context.error.responseType',
      wafStatus: '$context.wafResponseCode',
    });
  });

  it("answers API Gateway's own errors in the handlers' error shape, 5xx without internals", () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"VALIDATION_FAILED"') },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"UNAUTHORIZED"') },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_5XX',
      ResponseTemplates: { 'application/json': '{"error":{"code":"INTERNAL","message":"Internal error"}}' },
    });
    // Two origins in dev: a gateway response cannot pick one, so it sends none rather than a wrong one.
    for (const response of Object.values(template.findResources('AWS::ApiGateway::GatewayResponse'))) {
      expect(JSON.stringify(response)).not.toContain('Access-Control-Allow-Origin');
    }
  });

  it('answers CORS preflights for the configured origins only', () => {
    const preflight = JSON.stringify(
      template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }),
    );
    expect(preflight).toContain('http://localhost:5173');
    expect(preflight).toContain('http://127.0.0.1:3000');
    expect(preflight).not.toMatch(/Allow-Origin[^,]*'\*'/);
  });

  it('grants each handler only what its routes need', () => {
    expect(permissionsOfFunction(template, functionId('Health'))).toEqual(BASE);
    // Exactly the calls each route makes: no Scan, no batch writes, nothing on index/*. A list reads its page
    // with one BatchGetItem: the owner index projects only keys and filter attributes.
    const item = (...actions: string[]) => actions.map((action) => `dynamodb:${action} ${TABLE_ARN}`);
    const listWithin = (...prefixes: string[]) =>
      `s3:ListBucket ${BUCKET_ARN} when ${JSON.stringify({ StringLike: { 's3:prefix': prefixes } })}`;
    expect(permissionsOfFunction(template, functionId('ListReceipts'))).toEqual(
      [...BASE, ...item('BatchGetItem'), `dynamodb:Query ${TABLE_ARN}/index/GSI1`].sort(),
    );
    expect(permissionsOfFunction(template, functionId('ReadReceipt'))).toEqual(
      [
        ...BASE,
        ...item('GetItem'),
        ...['GetObject', 'GetObjectVersion'].flatMap((action) =>
          ['uploads', 'results'].map((prefix) => `s3:${action} ${BUCKET_ARN}/${prefix}/*`),
        ),
        listWithin('uploads/*', 'results/*'),
      ].sort(),
    );
    expect(permissionsOfFunction(template, functionId('CreateReceipt'))).toEqual(
      [...BASE, ...item('PutItem', 'UpdateItem'), `s3:PutObject ${BUCKET_ARN}/uploads/*`].sort(),
    );
    expect(permissionsOfFunction(template, functionId('UpdateReceipt'))).toEqual(
      [...BASE, ...item('GetItem', 'PutItem')].sort(),
    );
    expect(permissionsOfFunction(template, functionId('DeleteReceipt'))).toEqual(
      [
        ...BASE,
        ...item('DeleteItem', 'GetItem'),
        `s3:DeleteObject ${BUCKET_ARN}/uploads/*`,
        `s3:DeleteObject ${BUCKET_ARN}/results/*`,
      ].sort(),
    );
    const reprocess = permissionsOfFunction(template, functionId('ReprocessReceipt'));
    expect(reprocess.filter((permission) => permission.startsWith('sqs:'))).toEqual(
      ['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'].map((action) =>
        expect.stringMatching(new RegExp(`^sqs:${action} .*UploadsQueue`)),
      ),
    );
    expect(reprocess.filter((permission) => permission.startsWith('dynamodb:'))).toEqual(
      item('GetItem', 'PutItem'),
    );
    // It looks the image up before queuing a run: an expired one is answered 410, not turned FAILED.
    expect(reprocess.filter((permission) => permission.startsWith('s3:'))).toEqual(
      [
        `s3:GetObject ${BUCKET_ARN}/uploads/*`,
        `s3:GetObjectVersion ${BUCKET_ARN}/uploads/*`,
        listWithin('uploads/*'),
      ].sort(),
    );
    // Synchronous OCR stores nothing.
    expect(permissionsOfFunction(template, functionId('SyncOcr'))).toEqual(BASE);
  });

  it('outputs the API URL and the user pool ids', () => {
    template.hasOutput('ApiUrl', Match.anyValue());
    template.hasOutput('UserPoolId', {
      Value: { Ref: logicalIdOf(template, 'AWS::Cognito::UserPool', 'UsersPool') },
    });
    template.hasOutput('UserPoolClientId', {
      Value: { Ref: logicalIdOf(template, 'AWS::Cognito::UserPoolClient', 'UsersPoolAppClient') },
    });
  });
});

describe('API stack (prod)', { timeout: CDK_TEST_TIMEOUT_MS }, () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(buildApp('prod').stacks.api);
  }, CDK_TEST_TIMEOUT_MS);

  it('lets a browser on the one allowed origin read API Gateway errors (e.g. a 401)', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://receipts.acme-corp.io'",
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
        'gatewayresponse.header.Vary': "'Origin'",
      },
    });
  });

  it('requires MFA, sends mail through SES on the Essentials plan and keeps the user pool on stack deletion', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'ESSENTIALS',
        EmailConfiguration: {
          EmailSendingAccount: 'DEVELOPER',
          From: 'no-reply@receipts.acme-corp.io',
          SourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/no-reply@receipts.acme-corp.io',
        },
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      }),
    });
  });

  it('gives the app client SRP only, no OAuth flow and no placeholder callback', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
      CallbackURLs: Match.absent(),
    });
  });

  it('caps the synchronous OCR function at 20 concurrent runs with a 25 s timeout', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      ImageConfig: { Command: ['ocr/sync-ocr.handler'] },
      ReservedConcurrentExecutions: 20,
      Timeout: 25,
    });
  });

  it('throttles POST /ocr, POST /receipts and reprocess below the polling routes', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ThrottlingRateLimit: 400, ThrottlingBurstLimit: 800 }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1ocr',
          ThrottlingRateLimit: 12,
          ThrottlingBurstLimit: 20,
        }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1receipts',
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ]),
    });
  });

  it('puts a WAF web ACL on the stage: IP reputation, 429 with Retry-After per IP and per token', () => {
    const rateLimited = {
      Block: {
        CustomResponse: {
          ResponseCode: 429,
          CustomResponseBodyKey: 'rate-limited',
          ResponseHeaders: [{ Name: 'Retry-After', Value: '300' }],
        },
      },
    };
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Name: 'receipt-ocr-prod-api',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      CustomResponseBodies: {
        'rate-limited': {
          ContentType: 'APPLICATION_JSON',
          Content: Match.stringLikeRegexp('"RATE_LIMITED"'),
        },
      },
      Rules: [
        Match.objectLike({
          Name: 'ip-reputation',
          Priority: 0,
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' },
          },
        }),
        Match.objectLike({
          Name: 'per-ip',
          Priority: 1,
          Action: rateLimited,
          Statement: {
            RateBasedStatement: { Limit: 3000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' },
          },
        }),
        Match.objectLike({
          Name: 'per-token',
          Priority: 2,
          Action: rateLimited,
          Statement: {
            RateBasedStatement: {
              Limit: 1500,
              EvaluationWindowSec: 300,
              AggregateKeyType: 'CUSTOM_KEYS',
              CustomKeys: [
                { Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } },
              ],
            },
          },
        }),
      ],
    });
    const association = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation'))[0] as {
      DependsOn: string[];
      Properties: { WebACLArn: unknown };
    };
    expect(association.Properties.WebACLArn).toEqual({
      'Fn::GetAtt': [logicalIdOf(template, 'AWS::WAFv2::WebACL', 'FirewallWebAcl'), 'Arn'],
    });
    expect(association.DependsOn).toContain(
      logicalIdOf(template, 'AWS::ApiGateway::Stage', 'ReceiptsApiDeploymentStageprod'),
    );
  });

  it('keeps the access log and function logs when the stack is deleted', () => {
    for (const logGroup of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 90 } });
    }
  });

  it('traces 1 % of the stage requests, with no reservoir (an X-Ray sampling rule on the stage ARN)', () => {
    const stage = logicalIdOf(template, 'AWS::ApiGateway::Stage', 'ReceiptsApiDeploymentStageprod');
    const api = logicalIdOf(template, 'AWS::ApiGateway::RestApi', 'ReceiptsApi');
    template.resourceCountIs('AWS::XRay::SamplingRule', 1);
    template.hasResourceProperties('AWS::XRay::SamplingRule', {
      SamplingRule: {
        RuleName: 'receipt-ocr-prod-api',
        Priority: 1000,
        ReservoirSize: 0,
        FixedRate: 0.01,
        ResourceARN: {
          'Fn::Join': [
            '',
            ['arn:aws:apigateway:eu-west-1::/restapis/', { Ref: api }, '/stages/', { Ref: stage }],
          ],
        },
        ServiceType: 'AWS::ApiGateway::Stage',
        ServiceName: '*',
        Host: '*',
        HTTPMethod: '*',
        URLPath: '*',
        Version: 1,
      },
    });
  });

  it('logs warnings and errors, and about 1 % of invocations in full, in every function', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => (fn as { Properties: { Environment?: unknown } }).Properties.Environment !== undefined,
    );
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) {
      expect(fn).toMatchObject({
        Properties: {
          Environment: { Variables: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01' } },
        },
      });
    }
  });
});
