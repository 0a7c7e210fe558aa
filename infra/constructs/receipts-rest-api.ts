import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  gatewayErrorBody,
  INTEGRATION_FAILED,
  REQUEST_TOO_LARGE,
  THROTTLED,
  UNAUTHORIZED,
  UNKNOWN_ROUTE,
} from '../../functions/api/gateway-errors.js';
import { retainedLogGroup } from './log-group.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A JSON schema API Gateway checks a request body against before the request reaches a function. */
export interface RequestModel {
  /** The model's construct id and name, unique in the API (e.g. `CreateReceiptModel`). */
  readonly name: string;
  /** JSON Schema draft 4. */
  readonly schema: apigw.JsonSchema;
}

export interface ReceiptsRestApiProps {
  /** Name of the REST API; also the `ApiName` dimension of its metrics, so unique per stage and account. */
  readonly apiName: string;
  /** Name of the API Gateway stage (part of the URL). */
  readonly stageName: string;
  /** Pool whose tokens authorize every route that is not public. */
  readonly userPool: cognito.IUserPool;
  /** Origins allowed by CORS; a wildcard is refused. */
  readonly corsAllowedOrigins: readonly string[];
  /** Steady-state requests per second of every method without its own limit. */
  readonly throttlingRateLimit: number;
  /** Burst requests of every method without its own limit. */
  readonly throttlingBurstLimit: number;
  /**
   * Tighter limits for single methods, keyed `METHOD /path` (e.g. `POST /ocr`). API Gateway applies the stage
   * limit to each method separately, so the expensive ones need their own.
   * @default - every method gets the stage limit
   */
  readonly methodThrottles?: Readonly<
    Record<string, { readonly rateLimit: number; readonly burstLimit: number }>
  >;
  /** Retention of the access log in days. */
  readonly logRetentionDays: number;
  /**
   * Removal policy of the access log group.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

export interface RouteOptions {
  /**
   * Reachable without a token (health only).
   * @default false
   */
  readonly public?: boolean;
  /**
   * JSON schema the request body must match; routes that give the same name share one model.
   * @default - body not checked by API Gateway
   */
  readonly model?: RequestModel;
}

/** `METHOD /path` -> CDK's method option key `/path/METHOD` (CDK escapes the path for CloudFormation). */
function methodThrottleOptions(
  throttles: NonNullable<ReceiptsRestApiProps['methodThrottles']>,
): Record<string, apigw.MethodDeploymentOptions> {
  return Object.fromEntries(
    Object.entries(throttles).map(([route, limit]) => {
      const match = /^(GET|POST|PATCH|DELETE) (\/[\w/{}-]*)$/.exec(route);
      if (match === null || match[1] === undefined || match[2] === undefined) {
        throw new Error(`ReceiptsRestApi: methodThrottles key must look like "POST /ocr", got "${route}"`);
      }
      if (limit.burstLimit < limit.rateLimit) {
        throw new Error(`ReceiptsRestApi: methodThrottles "${route}" burstLimit is below its rateLimit`);
      }
      return [
        `${match[2]}/${match[1]}`,
        { throttlingRateLimit: limit.rateLimit, throttlingBurstLimit: limit.burstLimit },
      ];
    }),
  );
}

/**
 * One JSON line per request: the standard fields, the caller's Cognito `sub` (who to throttle or ask), why a
 * request failed before or in the integration (authorizer, WAF, the function's error) and the latencies.
 */
const ACCESS_LOG_FORMAT = apigw.AccessLogFormat.custom(
  JSON.stringify({
    requestId: apigw.AccessLogField.contextRequestId(),
    requestTime: apigw.AccessLogField.contextRequestTime(),
    ip: apigw.AccessLogField.contextIdentitySourceIp(),
    sub: apigw.AccessLogField.contextAuthorizerClaims('sub'),
    httpMethod: apigw.AccessLogField.contextHttpMethod(),
    resourcePath: apigw.AccessLogField.contextResourcePath(),
    status: apigw.AccessLogField.contextStatus(),
    protocol: apigw.AccessLogField.contextProtocol(),
    responseLength: apigw.AccessLogField.contextResponseLength(),
    responseLatency: apigw.AccessLogField.contextResponseLatency(),
    integrationStatus: apigw.AccessLogField.contextIntegrationStatus(),
    integrationLatency: apigw.AccessLogField.contextIntegrationLatency(),
    integrationError: apigw.AccessLogField.contextIntegrationErrorMessage(),
    errorType: apigw.AccessLogField.contextErrorResponseType(),
    error: apigw.AccessLogField.contextErrorMessageString(),
    wafStatus: apigw.AccessLogField.contextWafResponseCode(),
  }),
);

/**
 * The REST API: regional, Cognito-authorized by default, request validation, stage throttling, JSON access log,
 * execution errors logged, X-Ray tracing, CORS for configured origins only. Routes are added with `addRoute`.
 */
export class ReceiptsRestApi extends Construct {
  readonly api: apigw.RestApi;
  private readonly authorizer: apigw.CognitoUserPoolsAuthorizer;
  private readonly validator: apigw.RequestValidator;
  private readonly models = new Map<string, { model: apigw.Model; schema: string }>();

  constructor(scope: Construct, id: string, props: ReceiptsRestApiProps) {
    super(scope, id);
    if (
      props.corsAllowedOrigins.length === 0 ||
      props.corsAllowedOrigins.some((origin) => origin.includes('*'))
    ) {
      throw new Error('ReceiptsRestApi: corsAllowedOrigins must list explicit origins (no "*")');
    }
    const accessLogs = retainedLogGroup(
      this,
      'AccessLogs',
      props.logRetentionDays,
      props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    );

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.apiName,
      description: 'receipt-ocr REST API',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // POST /ocr takes the image itself; JSON stays text.
      binaryMediaTypes: ['image/*', 'application/octet-stream', 'application/pdf'],
      // Execution logging needs the account-level CloudWatch role; CDK keeps it on stack deletion.
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stageName,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Request/response bodies carry receipts (personal data): never in execution logs.
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit,
        methodOptions: methodThrottleOptions(props.methodThrottles ?? {}),
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: ACCESS_LOG_FORMAT,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [...props.corsAllowedOrigins],
        allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match'],
        exposeHeaders: ['ETag'],
        allowCredentials: true,
        maxAge: Duration.hours(1),
      },
    });

    this.addErrorResponses(props.corsAllowedOrigins);

    this.authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
    });
    this.validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
  }

  /**
   * Errors API Gateway answers itself (validation, auth, throttling, unknown routes) in the handlers' shape,
   * `{ "error": { "code", "message", "details"? } }`, instead of `{ "message": ... }`; 5xx never carry internals.
   * With a single allowed origin the CORS headers are added too, so a browser can read a 401; with several, a
   * gateway response cannot choose among them (API Gateway has no conditional headers here).
   */
  private addErrorResponses(corsAllowedOrigins: readonly string[]): void {
    const message = '$context.error.messageString';
    const responses: Array<[string, apigw.ResponseType, string | undefined, string]> = [
      [
        'BadRequestBody',
        apigw.ResponseType.BAD_REQUEST_BODY,
        undefined,
        `{"error":{"code":"VALIDATION_FAILED","message":${message},"details":{"reason":"$util.escapeJavaScript($context.error.validationErrorString)"}}}`,
      ],
      [
        'BadRequestParameters',
        apigw.ResponseType.BAD_REQUEST_PARAMETERS,
        undefined,
        `{"error":{"code":"VALIDATION_FAILED","message":${message}}}`,
      ],
      [
        'Unauthorized',
        apigw.ResponseType.UNAUTHORIZED,
        undefined,
        `{"error":{"code":"${UNAUTHORIZED.code}","message":${message}}}`,
      ],
      [
        'AccessDenied',
        apigw.ResponseType.ACCESS_DENIED,
        undefined,
        `{"error":{"code":"FORBIDDEN","message":${message}}}`,
      ],
      // REST APIs answer an unknown path or method with 403 "Missing Authentication Token".
      [
        'UnknownRoute',
        apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN,
        String(UNKNOWN_ROUTE.statusCode),
        gatewayErrorBody(UNKNOWN_ROUTE),
      ],
      ['Throttled', apigw.ResponseType.THROTTLED, undefined, gatewayErrorBody(THROTTLED)],
      [
        'RequestTooLarge',
        apigw.ResponseType.REQUEST_TOO_LARGE,
        undefined,
        gatewayErrorBody(REQUEST_TOO_LARGE),
      ],
      [
        'Default4xx',
        apigw.ResponseType.DEFAULT_4XX,
        undefined,
        `{"error":{"code":"BAD_REQUEST","message":${message}}}`,
      ],
      ['Default5xx', apigw.ResponseType.DEFAULT_5XX, undefined, gatewayErrorBody(INTEGRATION_FAILED)],
    ];
    const [onlyOrigin] = corsAllowedOrigins;
    const corsHeaders =
      corsAllowedOrigins.length === 1 && onlyOrigin !== undefined
        ? {
            'Access-Control-Allow-Origin': `'${onlyOrigin}'`,
            'Access-Control-Allow-Credentials': "'true'",
            Vary: "'Origin'",
          }
        : undefined;
    for (const [id, type, statusCode, template] of responses) {
      this.api.addGatewayResponse(id, {
        type,
        ...(statusCode === undefined ? {} : { statusCode }),
        templates: { 'application/json': template },
        ...(corsHeaders === undefined ? {} : { responseHeaders: corsHeaders }),
      });
    }
  }

  /** Routes `method path` to `handler` (Lambda proxy integration). Path parameters are required parameters. */
  addRoute(
    method: HttpMethod,
    path: string,
    handler: lambda.IFunction,
    options: RouteOptions = {},
  ): apigw.Method {
    if (!path.startsWith('/'))
      throw new Error(`ReceiptsRestApi: route path must start with "/", got "${path}"`);
    const requestParameters = Object.fromEntries(
      [...path.matchAll(/\{(\w+)\}/g)].map((match) => [`method.request.path.${match[1]}`, true]),
    );
    return this.api.root.resourceForPath(path).addMethod(method, new apigw.LambdaIntegration(handler), {
      requestValidator: this.validator,
      requestParameters,
      ...(options.model === undefined
        ? {}
        : { requestModels: { 'application/json': this.modelFor(options.model) } }),
      ...(options.public === true
        ? { authorizationType: apigw.AuthorizationType.NONE }
        : { authorizer: this.authorizer, authorizationType: apigw.AuthorizationType.COGNITO }),
    });
  }

  private modelFor(request: RequestModel): apigw.Model {
    const schema = JSON.stringify(request.schema);
    const known = this.models.get(request.name);
    if (known !== undefined) {
      if (known.schema !== schema)
        throw new Error(`ReceiptsRestApi: two different schemas for request model "${request.name}"`);
      return known.model;
    }
    const model = this.api.addModel(request.name, {
      contentType: 'application/json',
      schema: request.schema,
    });
    this.models.set(request.name, { model, schema });
    return model;
  }
}
