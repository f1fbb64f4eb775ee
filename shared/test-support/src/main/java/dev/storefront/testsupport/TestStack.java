package dev.storefront.testsupport;

/**
 * One set of emulators per JVM with the repository's {@code template.yaml} tables and queues in it,
 * started on first use and stopped when the JVM exits. Starting DynamoDB Local and ElasticMQ takes
 * seconds; sharing them keeps a module's test run short. Tests sharing it use unique ids for their data.
 */
public final class TestStack {

    private static TestStack shared;

    private final Emulators emulators;
    private final StackResources resources;

    private TestStack(Emulators emulators, StackResources resources) {
        this.emulators = emulators;
        this.resources = resources;
    }

    /** The JVM-wide stack; the first call starts it. A failed start is retried by the next call. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            SamTemplate template = SamTemplate.load(SamTemplate.findRepoRoot().resolve(SamTemplate.FILE_NAME));
            Emulators emulators = Emulators.start(EmulatorOptions.ephemeral());
            try {
                StackResources resources = StackResources.create(template, emulators.dynamo(), emulators.sqs(), emulators.region());
                Runtime.getRuntime().addShutdownHook(new Thread(emulators::close, "test-stack-shutdown"));
                shared = new TestStack(emulators, resources);
            } catch (RuntimeException e) {
                emulators.close();
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

    public SamTemplate template() {
        return resources.template();
    }
}
