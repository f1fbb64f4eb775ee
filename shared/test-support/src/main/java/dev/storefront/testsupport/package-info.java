/**
 * The AWS side of the stack, locally: {@link dev.storefront.testsupport.SamTemplate} reads
 * {@code template.yaml}, {@link dev.storefront.testsupport.Emulators} runs DynamoDB Local and ElasticMQ
 * in-process, {@link dev.storefront.testsupport.StackResources} creates the template's tables and queues
 * in them and resolves each function's environment, and {@link dev.storefront.testsupport.TestStack}
 * shares one such stack per test JVM. {@link dev.storefront.testsupport.HttpApiEvents},
 * {@link dev.storefront.testsupport.SqsEvents}, {@link dev.storefront.testsupport.DynamodbEvents} and
 * {@link dev.storefront.testsupport.ScheduledEvents} build the events AWS hands a function. Used by
 * handler tests and by the local runtime.
 */
package dev.storefront.testsupport;
