package dev.storefront.samlocal;

import static dev.storefront.samlocal.TemplateValues.list;
import static dev.storefront.samlocal.TemplateValues.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * What an {@code AWS::DynamoDB::Table} resource asks for, as a CreateTable request plus its TTL
 * attribute. Only the properties that change behaviour are read and resolved: encryption, backups
 * and tags do not exist locally, and resolving them could need resources that are never created
 * here (a KMS key). Billing is always on-demand: local throughput limits would only slow tests down.
 *
 * @param ttlAttribute the TimeToLiveSpecification attribute when enabled, else null
 */
record TableDefinition(String logicalId, CreateTableRequest request, String ttlAttribute) {

    static TableDefinition of(String logicalId, Map<String, Object> properties, IntrinsicResolver resolver) {
        String where = logicalId + ".Properties.";
        Object tableName = properties.get("TableName");
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName == null ? logicalId : resolver.resolveString(tableName))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes(resolver.resolve(properties.get("AttributeDefinitions")), where))
                .keySchema(keySchema(resolver.resolve(properties.get("KeySchema")), where + "KeySchema"));

        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (Object item : list(resolver.resolve(properties.get("GlobalSecondaryIndexes")), where + "GlobalSecondaryIndexes")) {
            Map<String, Object> index = map(item, where + "GlobalSecondaryIndexes[]");
            globalIndexes.add(GlobalSecondaryIndex.builder()
                    .indexName(string(index, "IndexName", where))
                    .keySchema(keySchema(index.get("KeySchema"), where + "GlobalSecondaryIndexes.KeySchema"))
                    .projection(projection(index.get("Projection"), where))
                    .build());
        }
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }

        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (Object item : list(resolver.resolve(properties.get("LocalSecondaryIndexes")), where + "LocalSecondaryIndexes")) {
            Map<String, Object> index = map(item, where + "LocalSecondaryIndexes[]");
            localIndexes.add(LocalSecondaryIndex.builder()
                    .indexName(string(index, "IndexName", where))
                    .keySchema(keySchema(index.get("KeySchema"), where + "LocalSecondaryIndexes.KeySchema"))
                    .projection(projection(index.get("Projection"), where))
                    .build());
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }

        Map<String, Object> stream = map(resolver.resolve(properties.get("StreamSpecification")), where + "StreamSpecification");
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(string(stream, "StreamViewType", where + "StreamSpecification."))
                    .build());
        }

        Map<String, Object> ttl = map(resolver.resolve(properties.get("TimeToLiveSpecification")), where + "TimeToLiveSpecification");
        boolean ttlEnabled = Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")));
        String ttlAttribute = ttlEnabled ? string(ttl, "AttributeName", where + "TimeToLiveSpecification.") : null;
        return new TableDefinition(logicalId, request.build(), ttlAttribute);
    }

    String name() {
        return request.tableName();
    }

    private static List<AttributeDefinition> attributes(Object value, String where) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object item : list(value, where + "AttributeDefinitions")) {
            Map<String, Object> attribute = map(item, where + "AttributeDefinitions[]");
            attributes.add(AttributeDefinition.builder()
                    .attributeName(string(attribute, "AttributeName", where))
                    .attributeType(string(attribute, "AttributeType", where))
                    .build());
        }
        return attributes;
    }

    private static List<KeySchemaElement> keySchema(Object value, String where) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object item : list(value, where)) {
            Map<String, Object> key = map(item, where + "[]");
            keys.add(KeySchemaElement.builder()
                    .attributeName(string(key, "AttributeName", where))
                    .keyType(string(key, "KeyType", where))
                    .build());
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(where + " is missing or empty");
        }
        return keys;
    }

    private static Projection projection(Object value, String where) {
        Map<String, Object> projection = map(value, where + "Projection");
        Projection.Builder builder = Projection.builder().projectionType(string(projection, "ProjectionType", where + "Projection."));
        List<Object> nonKey = list(projection.get("NonKeyAttributes"), where + "Projection.NonKeyAttributes");
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey.stream().map(Object::toString).toList());
        }
        return builder.build();
    }

    private static String string(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(where + key + " is missing");
        }
        return value.toString();
    }
}
