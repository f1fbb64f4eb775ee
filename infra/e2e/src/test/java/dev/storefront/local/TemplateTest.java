package dev.storefront.local;

import dev.storefront.samlocal.EventSource;
import dev.storefront.samlocal.HttpRoute;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml is what gets deployed, so it is held to its rules here: every function deployable
 * from a jar this build made, every route served by exactly one function, every table the code
 * reads declared, and the safety settings a production stack needs. (No SAM CLI here: these
 * parse the YAML.)
 */
class TemplateTest {

    static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.findRepoRoot().resolve("template.yaml"));

    @Test
    void every_function_handler_class_is_in_the_jar_its_code_uri_names() throws IOException {
        assertThat(TEMPLATE.functions()).isNotEmpty();
        for (SamFunction function : TEMPLATE.functions()) {
            Path jar = function.codeUri();
            assertThat(jar).as(function.logicalId() + " CodeUri").isRegularFile();
            assertThat(jar.toString()).matches(".*/functions/[a-z-]+/target/[a-z-]+\\.jar");
            String handlerClass = function.handler().split("::")[0].replace('.', '/') + ".class";
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getEntry(handlerClass)).as(function.logicalId() + " handler " + handlerClass + " in " + jar).isNotNull();
            }
        }
    }

    @Test
    void every_route_is_served_by_exactly_one_function_and_admin_routes_need_the_authorizer() {
        Map<String, String> owners = new HashMap<>();
        for (SamFunction function : TEMPLATE.functions()) {
            for (HttpRoute route : function.httpRoutes()) {
                String previous = owners.put(route.routeKey(), function.logicalId());
                assertThat(previous).as(route.routeKey() + " is routed to two functions").isNull();
                assertThat(route.path()).as("local-only routes never deploy").doesNotStartWith("/local");
                if (route.path().startsWith("/admin/")) {
                    assertThat(route.authorizer()).as(route.routeKey()).isEqualTo("CognitoJwt");
                }
            }
        }
        assertThat(owners).containsKeys("GET /products", "GET /products/{productId}", "GET /categories",
                "PUT /admin/products/{productId}", "PUT /admin/inventory/{sku}");
    }

    @Test
    void every_table_the_code_reads_is_declared_and_given_to_the_functions_that_run_that_code() throws IOException {
        for (SamFunction function : TEMPLATE.functions()) {
            Set<String> used = new HashSet<>();
            for (Path source : sourcesIn(function)) {
                used.addAll(tablesRequiredBy(Files.readString(source)));
            }
            for (String table : used) {
                String variable = "STOREFRONT_TABLES_" + table.toUpperCase();
                assertThat(function.environment()).as(function.logicalId() + " needs " + variable).containsKey(variable);
                Object ref = function.environment().get(variable);
                assertThat(ref).isInstanceOf(Map.class);
                String logicalId = String.valueOf(((Map<?, ?>) ref).get("Ref"));
                assertThat(TEMPLATE.resourceType(logicalId)).as(variable + " -> " + logicalId).isEqualTo("AWS::DynamoDB::Table");
            }
        }
    }

    private static final Pattern TABLE_PROPERTY = Pattern.compile("storefront\\.tables\\.([a-z]+)(?![a-z:])");
    private static final Pattern CONDITIONAL_BEAN = Pattern.compile("@Requires\\(property\\s*=\\s*\"storefront\\.tables\\.[a-z]+\"\\)");
    private static final Pattern TABLES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\"storefront\\.tables\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\(([^)]*)\\)");

    /**
     * The tables a source file needs: each {@code storefront.tables.<name>} property without a
     * default, and each component of a {@code storefront.tables} configuration record not marked
     * {@code @Nullable}. A bean that {@code @Requires} the property exists only where the table is
     * given (the sandbox processor, in the desk's jar for the reconciler alone): that is no need.
     */
    static Set<String> tablesRequiredBy(String source) {
        Set<String> tables = new HashSet<>();
        Matcher property = TABLE_PROPERTY.matcher(CONDITIONAL_BEAN.matcher(source).replaceAll(""));
        while (property.find()) {
            tables.add(property.group(1));
        }
        Matcher record = TABLES_RECORD.matcher(source);
        while (record.find()) {
            for (String component : record.group(1).split(",")) {
                String[] words = component.trim().split("\\s+");
                if (!component.contains("@Nullable") && words.length >= 2) {
                    tables.add(words[words.length - 1]);
                }
            }
        }
        return tables;
    }

    /** The sources of the function's module and of every shared module whose classes its jar holds. */
    private static List<Path> sourcesIn(SamFunction function) throws IOException {
        Path root = SamTemplate.findRepoRoot();
        List<Path> modules = new ArrayList<>(List.of(function.codeUri().getParent().getParent()));
        try (JarFile jar = new JarFile(function.codeUri().toFile()); Stream<Path> shared = Files.list(root.resolve("shared"))) {
            for (Path module : shared.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> classes = Files.walk(module.resolve("src/main/java"))) {
                    boolean packaged = classes.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).findFirst()
                            .map(p -> module.resolve("src/main/java").relativize(p).toString().replace(".java", ".class").replace('\\', '/'))
                            .map(entry -> jar.getEntry(entry) != null).orElse(false);
                    if (packaged) {
                        modules.add(module);
                    }
                }
            }
        }
        List<Path> sources = new ArrayList<>();
        for (Path module : modules) {
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                sources.addAll(files.filter(p -> p.toString().endsWith(".java")).toList());
            }
        }
        return sources;
    }

    @Test
    void policies_are_least_privilege_no_wildcards() {
        for (SamFunction function : TEMPLATE.functions()) {
            Object policies = function.properties().get("Policies");
            assertThat(policies).as(function.logicalId() + " has its own policies").isInstanceOf(List.class);
            for (Map<?, ?> statement : statements((List<?>) policies)) {
                for (Object action : asList(statement.get("Action"))) {
                    assertThat(String.valueOf(action)).as(function.logicalId()).doesNotContain("*");
                    assertThat(String.valueOf(action)).as(function.logicalId() + " never scans or deletes tables")
                            .isNotIn("dynamodb:Scan", "dynamodb:DeleteTable", "dynamodb:CreateTable");
                }
                for (Object resource : asList(statement.get("Resource"))) {
                    assertThat(resource).as(function.logicalId() + " resource").isNotEqualTo("*");
                }
            }
        }
        for (Map<?, ?> statement : statements((List<?>) TEMPLATE.function("CatalogFunction").properties().get("Policies"))) {
            List<String> actions = asList(statement.get("Action")).stream().map(String::valueOf).toList();
            if (actions.stream().anyMatch(a -> a.startsWith("sqs:"))) {
                assertThat(actions).as("the public catalog sends funnel events only").containsOnly("sqs:SendMessage");
                assertThat(asList(statement.get("Resource"))).extracting(TemplateTest::getAttTarget).containsOnly("AnalyticsEventsQueue");
            } else {
                assertThat(actions).as("the public catalog reads only").allMatch(a -> a.matches("dynamodb:(Get|BatchGet|Query).*"));
            }
        }
    }

    @Test
    void the_funnels_functions_send_to_analytics_events_and_storefronts_may_send_a_visitor_id() {
        for (String id : List.of("CatalogFunction", "CartFunction", "CheckoutFunction", "OrderEventsRelayFunction")) {
            SamFunction function = TEMPLATE.function(id);
            assertThat(function.environment().get("STOREFRONT_QUEUES_ANALYTICS_EVENTS")).as(id).isEqualTo(Map.of("Ref", "AnalyticsEventsQueue"));
            assertThat(statements((List<?>) function.properties().get("Policies"))).as(id + " may send to analytics-events")
                    .anySatisfy(statement -> {
                        assertThat(asList(statement.get("Action"))).extracting(String::valueOf).containsOnly("sqs:SendMessage");
                        assertThat(asList(statement.get("Resource"))).extracting(TemplateTest::getAttTarget).containsOnly("AnalyticsEventsQueue");
                    });
        }
        Map<?, ?> cors = (Map<?, ?>) TEMPLATE.properties("HttpApi").get("CorsConfiguration");
        assertThat(asList(cors.get("AllowHeaders"))).extracting(String::valueOf).contains("x-visitor-id");
    }

    @Test
    void funnel_events_leave_after_the_response_only_where_every_invocation_is_an_http_request() {
        // The extension lets an instance go when the invocation's request ends in the funnel filter: a
        // function whose invocations are not HTTP requests would hold each one until its deadline.
        List<String> extension = new ArrayList<>();
        for (SamFunction function : TEMPLATE.functions()) {
            if ("extension".equals(function.environment().get("STOREFRONT_ANALYTICS_DELIVERY"))) {
                extension.add(function.logicalId());
                assertThat(function.handler()).as(function.logicalId()).isEqualTo("io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction");
                assertThat(function.eventSources()).as(function.logicalId() + " has no other events").isEmpty();
            }
        }
        assertThat(extension).containsExactlyInAnyOrder("CatalogFunction", "CartFunction", "CheckoutFunction", "SearchFunction");
    }

    @Test
    void the_cart_function_reads_the_catalog_and_writes_carts_only() {
        for (Map<?, ?> statement : statements((List<?>) TEMPLATE.function("CartFunction").properties().get("Policies"))) {
            List<String> actions = asList(statement.get("Action")).stream().map(String::valueOf).toList();
            String resources = String.valueOf(statement.get("Resource"));
            if (resources.contains("ProductsTable") || resources.contains("InventoryTable") || resources.contains("DiscountCodesTable")) {
                assertThat(actions).as("the cart function only reads " + resources).allMatch(a -> a.matches("dynamodb:(Get|BatchGet)Item"));
            }
            if (actions.stream().anyMatch(a -> a.startsWith("sqs:"))) {
                assertThat(actions).as("funnel events").containsOnly("sqs:SendMessage");
                assertThat(asList(statement.get("Resource"))).extracting(TemplateTest::getAttTarget).containsOnly("AnalyticsEventsQueue");
            } else if (actions.stream().anyMatch(a -> !a.matches("dynamodb:(Get|BatchGet)Item"))) {
                assertThat(resources).as("writes go to the Carts table, and to the wrong-code counters, only").containsAnyOf("CartsTable", "AttemptsTable")
                        .doesNotContain("ProductsTable").doesNotContain("InventoryTable").doesNotContain("DiscountCodesTable");
            }
        }
        for (Map<?, ?> statement : statements((List<?>) TEMPLATE.function("CartAdminFunction").properties().get("Policies"))) {
            if (String.valueOf(statement.get("Resource")).equals("[{Fn::GetAtt=[AuditTable, Arn]}]")) {
                continue; // its audit entries: every admin function's, checked below
            }
            assertThat(String.valueOf(statement.get("Resource"))).as("the discount admin touches discount codes only")
                    .contains("DiscountCodesTable").doesNotContain("CartsTable").doesNotContain("ProductsTable").doesNotContain("InventoryTable");
        }
    }

    @Test
    void the_insights_admin_reads_kpis_writes_only_campaign_spend_and_every_route_needs_the_jwt_authorizer() {
        SamFunction admin = TEMPLATE.function("InsightsAdminFunction");
        assertThat(admin.httpRoutes()).extracting(HttpRoute::routeKey).contains("GET /admin/kpis", "GET /admin/kpis/dashboard");
        assertThat(admin.httpRoutes()).allSatisfy(route -> assertThat(route.authorizer()).as(route.routeKey()).isEqualTo("CognitoJwt"));
        for (Map<?, ?> statement : statements((List<?>) admin.properties().get("Policies"))) {
            List<String> actions = asList(statement.get("Action")).stream().map(String::valueOf).toList();
            if (String.valueOf(statement.get("Resource")).contains("InsightsTable") && !actions.stream().allMatch(a -> a.matches("dynamodb:(GetItem|Query)"))) {
                // Campaign spend is the one thing it writes there, limited to those items' partition keys.
                assertThat(actions).as("KPIs are read, never written, by the admin function").allMatch(a -> a.matches("dynamodb:(PutItem|BatchWriteItem)"));
                assertThat(String.valueOf(statement.get("Condition"))).as("writes only campaign items")
                        .contains("dynamodb:LeadingKeys").contains("CAMPAIGN").contains("CAMPAIGN_SPEND");
            }
        }
    }

    @Test
    void cart_routes_are_open_to_anonymous_shoppers_and_carts_expire_by_ttl() {
        SamFunction cart = TEMPLATE.function("CartFunction");
        assertThat(cart.httpRoutes()).extracting(HttpRoute::routeKey).contains("POST /carts", "GET /carts/{cartId}",
                "POST /carts/{cartId}/items", "PUT /carts/{cartId}/items/{sku}", "DELETE /carts/{cartId}/items/{sku}",
                "POST /carts/{cartId}/discount", "POST /carts/{cartId}/merge");
        assertThat(cart.httpRoutes()).as("no authorizer: the function verifies a token when one is sent")
                .allSatisfy(route -> assertThat(route.authorizer()).isNull());
        assertThat(TEMPLATE.function("CartAdminFunction").httpRoutes()).extracting(HttpRoute::routeKey)
                .containsExactly("PUT /admin/discounts/{code}");
        Map<?, ?> carts = (Map<?, ?>) TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").get("CartsTable").get("Properties");
        assertThat(carts.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", "ttl", "Enabled", true));
    }

    @Test
    void every_function_has_a_log_group_with_retention_and_snapstart_on_published_versions() {
        Map<String, Map<String, Object>> logGroups = TEMPLATE.resourcesOfType("AWS::Logs::LogGroup");
        for (SamFunction function : TEMPLATE.functions()) {
            assertThat(logGroups.values()).as(function.logicalId() + " log group")
                    .anySatisfy(group -> {
                        Map<?, ?> props = (Map<?, ?>) group.get("Properties");
                        assertThat(String.valueOf(props.get("LogGroupName"))).contains("${" + function.logicalId() + "}");
                        assertThat(props.get("RetentionInDays")).isNotNull();
                    });
            assertThat(function.properties().get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(function.properties()).containsKey("AutoPublishAlias");
        }
    }

    @Test
    void the_attempt_counters_survive_a_stack_deletion_or_replacement() {
        Map<String, Object> attempts = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").get("AttemptsTable");
        assertThat(attempts).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    void tables_are_on_demand_encrypted_and_recoverable() {
        TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            Map<?, ?> props = (Map<?, ?>) table.get("Properties");
            assertThat(props.get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(props.get("SSESpecification")).as(id).isEqualTo(Map.of("SSEEnabled", true));
            assertThat(props.get("PointInTimeRecoverySpecification")).as(id).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        });
    }

    @Test
    void tables_and_queues_outlive_the_stack_and_a_replacement_and_functions_run_on_a_supported_java() {
        // A stack deletion, or a change that replaces a table (a key or an index), must never delete orders
        // or undelivered messages; log groups are deleted with their functions (retention-bound anyway).
        for (String type : List.of(SamTemplate.TABLE, SamTemplate.QUEUE)) {
            assertThat(TEMPLATE.resourcesOfType(type)).as(type).isNotEmpty().allSatisfy((id, resource) -> {
                assertThat(resource.get("DeletionPolicy")).as(id + " DeletionPolicy").isEqualTo("Retain");
                assertThat(resource.get("UpdateReplacePolicy")).as(id + " UpdateReplacePolicy").isEqualTo("Retain");
            });
        }
        for (SamFunction function : TEMPLATE.functions()) {
            assertThat(function.properties().get("Runtime")).as(function.logicalId() + ": java17 can no longer be created or updated on Lambda")
                    .isEqualTo("java25");
        }
    }

    @Test
    void the_api_throttles_and_never_allows_every_origin() {
        Map<?, ?> api = (Map<?, ?>) TEMPLATE.resourcesOfType("AWS::Serverless::HttpApi").get("HttpApi").get("Properties");
        Map<?, ?> throttling = (Map<?, ?>) api.get("DefaultRouteSettings");
        assertThat(throttling.keySet()).map(String::valueOf).contains("ThrottlingBurstLimit", "ThrottlingRateLimit");
        Map<?, ?> cors = (Map<?, ?>) api.get("CorsConfiguration");
        assertThat(asList(cors.get("AllowOrigins"))).isNotEmpty().noneMatch("*"::equals);
        Map<?, ?> issuerParam = (Map<?, ?>) TEMPLATE.parameters().get("CorsAllowedOrigin");
        assertThat(String.valueOf(issuerParam.get("AllowedPattern"))).contains("[^*]");
    }

    @Test
    void every_queue_is_encrypted_and_every_queue_but_a_dead_letter_queue_redrives_after_at_least_5_receives() {
        Map<String, Map<String, Object>> queues = TEMPLATE.resourcesOfType(SamTemplate.QUEUE);
        assertThat(queues).containsKeys("OrderEventsQueue", "OrderEventsDLQ", "OrderEventsRelayFailuresQueue");
        Set<String> deadLetterQueues = deadLetterQueues();
        queues.forEach((id, queue) -> {
            Map<?, ?> props = (Map<?, ?>) queue.get("Properties");
            assertThat(props.get("SqsManagedSseEnabled")).as(id + " encrypted at rest").isEqualTo(true);
            if (deadLetterQueues.contains(id)) {
                assertThat(props.get("MessageRetentionPeriod")).as(id + " keeps messages 14 days").isEqualTo(1209600);
                assertThat(props.get("RedrivePolicy")).as(id + " is the end of the line").isNull();
            } else {
                Map<?, ?> redrive = (Map<?, ?>) props.get("RedrivePolicy");
                assertThat(redrive).as(id + " has a dead-letter queue").isNotNull();
                assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).as(id + " maxReceiveCount").isGreaterThanOrEqualTo(5);
                assertThat(deadLetterQueues).as(id + " redrives into a queue of this template").contains(getAttTarget(redrive.get("deadLetterTargetArn")));
            }
        });
    }

    @Test
    void every_queue_and_stream_event_source_reports_batch_item_failures_and_gives_up_somewhere() {
        int sources = 0;
        for (SamFunction function : TEMPLATE.functions()) {
            for (EventSource source : function.eventSources()) {
                if (!List.of("SQS", "DynamoDB", "Kinesis").contains(source.type())) {
                    continue;
                }
                sources++;
                String where = function.logicalId() + "." + source.eventName();
                assertThat(asList(source.properties().get("FunctionResponseTypes"))).as(where).anyMatch("ReportBatchItemFailures"::equals);
                if (source.type().equals("SQS")) {
                    String queue = getAttTarget(source.properties().get("Queue"));
                    Map<?, ?> props = TEMPLATE.properties(queue);
                    int visibility = props.get("VisibilityTimeout") == null ? 30 : ((Number) props.get("VisibilityTimeout")).intValue();
                    assertThat(visibility).as(where + ": " + queue + " VisibilityTimeout >= 6 x the function's timeout")
                            .isGreaterThanOrEqualTo(6 * function.timeoutSeconds());
                } else {
                    // A stream retries a failing record forever by default, blocking its shard.
                    assertThat(((Number) source.properties().get("MaximumRetryAttempts")).intValue()).as(where).isBetween(0, 10);
                    assertThat(source.properties().get("BisectBatchOnFunctionError")).as(where).isEqualTo(true);
                    Map<?, ?> onFailure = (Map<?, ?>) ((Map<?, ?>) source.properties().get("DestinationConfig")).get("OnFailure");
                    assertThat(TEMPLATE.resourceType(getAttTarget(onFailure.get("Destination")))).as(where + " on-failure destination")
                            .isEqualTo(SamTemplate.QUEUE);
                }
            }
        }
        assertThat(sources).as("the relay's stream at least").isPositive();
    }

    @Test
    void every_dead_letter_queue_has_an_alarm_on_its_first_message() {
        Map<String, Map<String, Object>> alarms = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm");
        for (String queue : deadLetterQueues()) {
            assertThat(alarms.values()).as(queue + " alarm").anySatisfy(alarm -> {
                Map<?, ?> props = (Map<?, ?>) alarm.get("Properties");
                assertThat(props.get("Namespace")).isEqualTo("AWS/SQS");
                assertThat(props.get("MetricName")).isEqualTo("ApproximateNumberOfMessagesVisible");
                assertThat(((Number) props.get("Threshold")).intValue()).isZero();
                assertThat(props.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
                assertThat(asList(props.get("Dimensions"))).anySatisfy(d -> assertThat(getAttTarget(((Map<?, ?>) d).get("Value"))).isEqualTo(queue));
            });
        }
    }

    /** The reconciler runs every 15 minutes, writes only its findings table, and any finding of any kind raises the alarm. */
    @Test
    void the_reconciler_runs_every_15_minutes_reads_only_and_any_finding_raises_its_alarm() {
        SamFunction reconciler = TEMPLATE.function("ReconcilerFunction");
        assertThat(reconciler.eventSources()).singleElement().satisfies(source -> {
            assertThat(source.type()).isEqualTo("Schedule");
            assertThat(source.properties().get("Schedule")).isEqualTo("rate(15 minutes)");
        });
        for (Map<?, ?> statement : statements((List<?>) reconciler.properties().get("Policies"))) {
            List<String> actions = asList(statement.get("Action")).stream().map(String::valueOf).toList();
            if (!actions.stream().allMatch(a -> a.matches("dynamodb:(GetItem|Query)"))) {
                assertThat(actions).as("its one write").containsExactly("dynamodb:PutItem");
                assertThat(asList(statement.get("Resource"))).map(TemplateTest::getAttTarget).containsExactly("ReconciliationTable");
            }
        }
        Map<?, ?> table = (Map<?, ?>) TEMPLATE.resourcesOfType(SamTemplate.TABLE).get("ReconciliationTable");
        assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(String.valueOf(((Map<?, ?>) table.get("Properties")).get("TimeToLiveSpecification"))).contains("Enabled=true");

        Map<?, ?> alarm = (Map<?, ?>) TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").get("ReconciliationFindingsAlarm").get("Properties");
        assertThat(((Number) alarm.get("Threshold")).intValue()).isZero();
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
        List<String> kinds = new ArrayList<>();
        for (Object query : asList(alarm.get("Metrics"))) {
            Map<?, ?> stat = (Map<?, ?>) ((Map<?, ?>) query).get("MetricStat");
            if (stat != null) {
                Map<?, ?> metric = (Map<?, ?>) stat.get("Metric");
                assertThat(metric.get("Namespace")).isEqualTo("Storefront");
                assertThat(metric.get("MetricName")).isEqualTo("ReconciliationFindings");
                asList(metric.get("Dimensions")).forEach(d -> kinds.add(String.valueOf(((Map<?, ?>) d).get("Value"))));
            }
        }
        assertThat(kinds).as("every kind of finding").containsExactlyInAnyOrder("ORDER_STUCK", "PAYMENT_MISMATCH", "STOCK_DRIFT");
    }

    @Test
    void the_order_events_relay_reads_the_orders_stream_and_sends_to_its_queues_only() {
        SamFunction relay = TEMPLATE.function("OrderEventsRelayFunction");
        EventSource stream = relay.eventSources().stream().filter(s -> s.type().equals("DynamoDB")).findFirst().orElseThrow();
        assertThat(getAttTarget(stream.properties().get("Stream"))).isEqualTo("OrdersTable");
        assertThat(stream.properties().get("StartingPosition")).as("no change is skipped on first deploy").isEqualTo("TRIM_HORIZON");
        Map<?, ?> orders = (Map<?, ?>) TEMPLATE.resourcesOfType(SamTemplate.TABLE).get("OrdersTable").get("Properties");
        assertThat(orders.get("StreamSpecification")).isEqualTo(Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
        assertThat(relay.environment().get("STOREFRONT_QUEUES_ORDER_EVENTS")).isEqualTo(Map.of("Ref", "OrderEventsQueue"));
        for (Map<?, ?> statement : statements((List<?>) relay.properties().get("Policies"))) {
            List<String> actions = asList(statement.get("Action")).stream().map(String::valueOf).toList();
            List<String> targets = asList(statement.get("Resource")).stream().map(TemplateTest::getAttTarget).toList();
            if (actions.stream().anyMatch(a -> a.startsWith("dynamodb:"))) {
                assertThat(actions).as("stream reads only").allMatch(a -> a.matches("dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)"));
                assertThat(asList(statement.get("Resource"))).as("the Orders stream only")
                        .allMatch(r -> r.equals(Map.of("Fn::GetAtt", List.of("OrdersTable", "StreamArn"))));
            } else {
                assertThat(actions).containsOnly("sqs:SendMessage");
                assertThat(targets).isSubsetOf("OrderEventsQueue", "OrderEventsRelayFailuresQueue", "AnalyticsEventsQueue", "WebhookEventsQueue");
            }
        }
    }

    /** Queues that a RedrivePolicy or an event source's on-failure destination points at. */
    private static Set<String> deadLetterQueues() {
        Set<String> queues = new HashSet<>();
        TEMPLATE.resourcesOfType(SamTemplate.QUEUE).forEach((id, queue) -> {
            Object redrive = ((Map<?, ?>) queue.get("Properties")).get("RedrivePolicy");
            if (redrive instanceof Map<?, ?> policy) {
                queues.add(getAttTarget(policy.get("deadLetterTargetArn")));
            }
        });
        for (SamFunction function : TEMPLATE.functions()) {
            for (EventSource source : function.eventSources()) {
                if (source.properties().get("DestinationConfig") instanceof Map<?, ?> destinations
                        && destinations.get("OnFailure") instanceof Map<?, ?> onFailure) {
                    queues.add(getAttTarget(onFailure.get("Destination")));
                }
            }
        }
        return queues;
    }

    @Test
    void fulfilment_partners_read_requests_and_send_updates_on_fifo_queues_and_nothing_else() {
        assertThat(TEMPLATE.resourceType("FulfilmentPartnerPolicy")).isEqualTo("AWS::IAM::ManagedPolicy");
        Map<String, Set<String>> granted = new HashMap<>();
        for (Object s : asList(((Map<?, ?>) TEMPLATE.properties("FulfilmentPartnerPolicy").get("PolicyDocument")).get("Statement"))) {
            Map<?, ?> statement = (Map<?, ?>) s;
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            for (Object resource : asList(statement.get("Resource"))) {
                asList(statement.get("Action")).forEach(a -> granted.computeIfAbsent(getAttTarget(resource), q -> new HashSet<>()).add(String.valueOf(a)));
            }
        }
        assertThat(granted).isEqualTo(Map.of(
                "FulfilmentRequestsQueue", Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"),
                "FulfilmentUpdatesQueue", Set.of("sqs:SendMessage")));
        for (String queue : List.of("FulfilmentRequestsQueue", "FulfilmentUpdatesQueue")) {
            Map<String, Object> props = TEMPLATE.properties(queue);
            assertThat(props.get("FifoQueue")).as(queue).isEqualTo(true);
            assertThat(props.get("ContentBasedDeduplication")).as(queue + ": deduplicated by eventId").isEqualTo(false);
            String dlq = getAttTarget(((Map<?, ?>) props.get("RedrivePolicy")).get("deadLetterTargetArn"));
            assertThat(TEMPLATE.properties(dlq).get("FifoQueue")).as(dlq + ": a FIFO queue's DLQ is FIFO").isEqualTo(true);
        }
        Map<String, String> consumers = new HashMap<>();
        for (SamFunction function : TEMPLATE.functions()) {
            for (EventSource source : function.eventSources()) {
                if (source.type().equals("SQS")) {
                    consumers.put(getAttTarget(source.properties().get("Queue")), function.logicalId());
                    assertThat(((Number) source.properties().get("BatchSize")).intValue()).as(function.logicalId()).isEqualTo(10);
                }
            }
        }
        assertThat(consumers).containsEntry("OrderEventsQueue", "OrderEventsConsumerFunction")
                .containsEntry("FulfilmentUpdatesQueue", "PartnerUpdatesConsumerFunction")
                .doesNotContainKey("FulfilmentRequestsQueue");
    }

    /** The logical id of {@code !GetAtt Id.Attribute} (or {@code !Ref Id}); null for anything else. */
    /**
     * Every function that serves an admin write can record it (shared/audit: the table's name and
     * PutItem on it), so no admin write escapes the audit log; only the order desk reads the log,
     * and nothing may change or delete an entry.
     */
    @Test
    void every_function_with_an_admin_write_route_may_add_audit_entries_and_only_the_desk_reads_them() {
        for (SamFunction function : TEMPLATE.functions()) {
            boolean adminWrites = function.httpRoutes().stream().anyMatch(r -> r.path().startsWith("/admin/") && !r.method().equals("GET"));
            Set<String> auditActions = new HashSet<>();
            for (Map<?, ?> statement : statements((List<?>) function.properties().get("Policies"))) {
                if (asList(statement.get("Resource")).stream().map(TemplateTest::getAttTarget).anyMatch("AuditTable"::equals)) {
                    asList(statement.get("Action")).forEach(a -> auditActions.add(String.valueOf(a)));
                }
            }
            if (adminWrites) {
                assertThat(function.environment()).as(function.logicalId() + " names the Audit table").containsKey("STOREFRONT_TABLES_AUDIT");
                assertThat(auditActions).as(function.logicalId() + " may add audit entries").contains("dynamodb:PutItem");
            }
            Set<String> allowed = function.logicalId().equals("DeskFunction") ? Set.of("dynamodb:PutItem", "dynamodb:Query") : Set.of("dynamodb:PutItem");
            assertThat(allowed).as(function.logicalId() + " on AuditTable").containsAll(auditActions);
        }
    }

    @Test
    void every_function_that_changes_stock_writes_its_ledger_entries_and_none_may_rewrite_them() {
        Set<String> writers = new HashSet<>();
        for (SamFunction function : TEMPLATE.functions()) {
            Set<String> inventoryActions = new HashSet<>();
            Set<String> ledgerActions = new HashSet<>();
            for (Map<?, ?> statement : statements((List<?>) function.properties().get("Policies"))) {
                List<String> targets = asList(statement.get("Resource")).stream().map(TemplateTest::getAttTarget).toList();
                asList(statement.get("Action")).forEach(a -> {
                    if (targets.contains("InventoryTable")) {
                        inventoryActions.add(String.valueOf(a));
                    }
                    if (targets.contains("InventoryLedgerTable")) {
                        ledgerActions.add(String.valueOf(a));
                    }
                });
            }
            if (inventoryActions.contains("dynamodb:UpdateItem")) {
                writers.add(function.logicalId());
                assertThat(function.environment()).as(function.logicalId() + " names the ledger").containsKey("STOREFRONT_TABLES_LEDGER");
                assertThat(ledgerActions).as(function.logicalId() + " on InventoryLedgerTable").contains("dynamodb:PutItem");
            }
            assertThat(ledgerActions).as(function.logicalId() + ": ledger entries are only ever added")
                    .doesNotContain("dynamodb:UpdateItem", "dynamodb:DeleteItem");
        }
        assertThat(writers).contains("CatalogAdminFunction", "CheckoutFunction", "ReservationSweeperFunction", "PartnerUpdatesConsumerFunction", "DeskFunction");
        Map<?, ?> ledger = (Map<?, ?>) TEMPLATE.resourcesOfType(SamTemplate.TABLE).get("InventoryLedgerTable").get("Properties");
        assertThat(String.valueOf(ledger.get("KeySchema"))).as("partitioned by stock item, as Inventory is").contains("AttributeName=stock, KeyType=HASH");
    }

    private static String getAttTarget(Object value) {
        if (value instanceof Map<?, ?> map && map.get("Fn::GetAtt") != null) {
            Object target = map.get("Fn::GetAtt");
            return target instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(target).split("\\.")[0];
        }
        if (value instanceof Map<?, ?> map && map.get("Ref") != null) {
            return String.valueOf(map.get("Ref"));
        }
        return null;
    }

    private static List<Map<?, ?>> statements(List<?> policies) {
        List<Map<?, ?>> statements = new ArrayList<>();
        for (Object policy : policies) {
            assertThat(policy).as("inline statements, not broad managed policies").isInstanceOf(Map.class);
            asList(((Map<?, ?>) policy).get("Statement")).forEach(s -> statements.add((Map<?, ?>) s));
        }
        return statements;
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }
}
