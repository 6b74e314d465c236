import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * A dead-letter queue for the starts of the pipeline that EventBridge or EventBridge Scheduler could not make: SSE
 * with SQS-managed keys (EventBridge and Scheduler can send to it without a key policy), TLS only, messages kept
 * 14 days (the SQS maximum) so that a failed start can be seen and replayed.
 * @internal
 */
export function deadLetterQueue(scope: Construct, id: string, of: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  // cdk-nag's SQS3 recognizes a dead-letter queue only when another queue's redrive policy or a Lambda function names
  // it; a rule target's or a schedule's DeadLetterConfig is not seen. A dead-letter queue has no dead-letter queue.
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is the dead-letter queue of ${of} (their DeadLetterConfig), which cdk-nag does not recognize as one.`,
  });
  return queue;
}
