/**
 * Helpers for tests, on the local SAM engine ({@code dev.storefront.samlocal}):
 * {@link dev.storefront.testsupport.TestStack} shares one set of emulators with the template's tables
 * and queues per test JVM, {@link dev.storefront.testsupport.FunctionHarness} and
 * {@link dev.storefront.testsupport.HttpCall} invoke a handler as AWS would,
 * {@link dev.storefront.testsupport.QueueInbox} reads what reached a queue,
 * {@link dev.storefront.testsupport.LogCapture} captures log lines and
 * {@link dev.storefront.testsupport.EventSchemas} checks messages against {@code docs/events/}.
 */
package dev.storefront.testsupport;
