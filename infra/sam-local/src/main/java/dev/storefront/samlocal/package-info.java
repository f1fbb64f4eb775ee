/**
 * The AWS side of the stack, locally: {@link dev.storefront.samlocal.SamTemplate} reads
 * {@code template.yaml}, {@link dev.storefront.samlocal.Emulators} runs DynamoDB Local and ElasticMQ
 * in-process, {@link dev.storefront.samlocal.StackResources} creates the template's tables and queues
 * in them and resolves each function's environment, and {@link dev.storefront.samlocal.IsolatedFunction}
 * runs a function from its own jar in its own class loader. {@link dev.storefront.samlocal.HttpApiEvents},
 * {@link dev.storefront.samlocal.SqsEvents}, {@link dev.storefront.samlocal.DynamodbEvents} and
 * {@link dev.storefront.samlocal.ScheduledEvents} build the events AWS hands a function. The engine of
 * the local runtime ({@code make run}); {@code shared/test-support} builds its test helpers on it.
 */
package dev.storefront.samlocal;
