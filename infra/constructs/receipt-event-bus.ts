import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { RECEIPT_EVENTS } from '../../functions/contract/events.js';

export interface ReceiptEventBusProps {
  /** Name of the custom bus, unique in the account and region (apps' rules name it). */
  readonly eventBusName: string;
}

/**
 * The bus on which the OCR function announces each settled receipt (`receipt-ocr` / `ReceiptSettled`), so apps
 * subscribe with a rule instead of polling (docs/deploy.md, completion events). A custom bus keeps these events, and
 * who may publish them, apart from the account's default bus.
 */
export class ReceiptEventBus extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: ReceiptEventBusProps) {
    super(scope, id);
    if (!/^[\w.-]{1,256}$/.test(props.eventBusName)) {
      throw new Error(
        `ReceiptEventBus: eventBusName must be letters, digits, . _ -, got "${props.eventBusName}"`,
      );
    }
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      description: 'receipt-ocr: ReceiptSettled, one event per settled receipt',
    });
  }

  /** `events:PutEvents` on this bus only, and only for the service's own source and detail type. */
  grantPublishSettled(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['events:PutEvents'],
      resourceArns: [this.bus.eventBusArn],
      conditions: {
        StringEquals: {
          'events:source': RECEIPT_EVENTS.source,
          'events:detail-type': RECEIPT_EVENTS.settled,
        },
      },
    });
  }
}
