package dev.storefront.testsupport;

import dev.storefront.samlocal.DevIssuer;
import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.Emulators;
import dev.storefront.samlocal.IntrinsicResolver;
import dev.storefront.samlocal.IssuerServer;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.StackResources;

/**
 * One set of emulators per JVM with the repository's {@code template.yaml} tables and queues in it,
 * started on first use and stopped when the JVM exits. Starting DynamoDB Local and ElasticMQ takes
 * seconds; sharing them keeps a module's test run short. Tests sharing it use unique ids for their data.
 */
public final class TestStack {

    private static TestStack shared;
    /** The payment webhook secret the stack's functions are given (the NoEcho PaymentWebhookSecret parameter). */
    public static final String PAYMENT_WEBHOOK_SECRET = "whsec_test_stack_0123456789abcdef0123456789";

    private final Emulators emulators;
    private final StackResources resources;
    private final IssuerServer issuer;

    private TestStack(Emulators emulators, StackResources resources, IssuerServer issuer) {
        this.emulators = emulators;
        this.resources = resources;
        this.issuer = issuer;
    }

    /** The JVM-wide stack; the first call starts it. A failed start is retried by the next call. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            SamTemplate template = SamTemplate.load(SamTemplate.findRepoRoot().resolve(SamTemplate.FILE_NAME));
            Emulators emulators = Emulators.start(EmulatorOptions.ephemeral());
            IssuerServer issuer = IssuerServer.start();
            try {
                StackResources resources = StackResources.create(template, emulators.dynamo(), emulators.sqs(),
                        IntrinsicResolver.forTemplate(template, emulators.region()).withParameterOverrides(issuer.parameterOverrides())
                                .withParameterOverrides(java.util.Map.of("PaymentWebhookSecret", PAYMENT_WEBHOOK_SECRET)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    emulators.close();
                    issuer.close();
                }, "test-stack-shutdown"));
                shared = new TestStack(emulators, resources, issuer);
            } catch (RuntimeException e) {
                emulators.close();
                issuer.close();
                throw e;
            }
        }
        return shared;
    }

    public Emulators emulators() {
        return emulators;
    }

    public StackResources resources() {
        return resources;
    }

    /** The token issuer the stack's functions trust (the template's Cognito parameters point at it). */
    public DevIssuer issuer() {
        return issuer.issuer();
    }

    public SamTemplate template() {
        return resources.template();
    }
}
