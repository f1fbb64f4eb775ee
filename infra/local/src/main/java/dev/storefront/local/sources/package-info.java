/**
 * The template's non-HTTP events, run locally as AWS runs them: {@link
 * dev.storefront.local.sources.EventSourceMappings} reads every function's SQS, DynamoDB stream and
 * schedule events and runs each on its own thread ({@code SqsPoller}, {@code StreamPoller} with
 * {@code StreamBatchDelivery} and {@code StreamCheckpoints}, {@code ScheduleRunner}); each
 * invocation goes through the function's {@link dev.storefront.local.sources.Invocable} with the
 * event JSON Lambda would send. Nothing here names a function. See docs/ARCHITECTURE.md, "Event
 * sources", for what is and is not emulated.
 */
package dev.storefront.local.sources;
