package dev.storefront.checkout;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Test-only: counts the checkout function's DynamoDB round trips and the capacity each consumed
 * (it asks every request for ReturnConsumedCapacity TOTAL). A Micronaut bean of the test classpath,
 * picked up by the function's DynamoDB client.
 */
@Singleton
public class CapacityMeter implements ExecutionInterceptor {

    /** @param writesByTable the write units by table name, where DynamoDB said (a transaction does, per table) */
    public record Call(String operation, String thread, double readUnits, double writeUnits, java.util.Map<String, Double> writesByTable) {
    }

    private static final List<Call> CALLS = new ArrayList<>();

    static synchronized List<Call> calls(String thread) {
        return CALLS.stream().filter(c -> c.thread().equals(thread)).toList();
    }

    static synchronized void reset() {
        CALLS.clear();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (r instanceof GetItemRequest g) {
            return g.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof PutItemRequest p) {
            return p.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof UpdateItemRequest u) {
            return u.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof QueryRequest q) {
            return q.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof BatchGetItemRequest b) {
            return b.toBuilder().returnConsumedCapacity(total).build();
        } else if (r instanceof TransactWriteItemsRequest t) {
            return t.toBuilder().returnConsumedCapacity(total).build();
        }
        return r;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        List<ConsumedCapacity> consumed = response instanceof GetItemResponse g ? one(g.consumedCapacity())
                : response instanceof PutItemResponse p ? one(p.consumedCapacity())
                : response instanceof UpdateItemResponse u ? one(u.consumedCapacity())
                : response instanceof QueryResponse q ? one(q.consumedCapacity())
                : response instanceof BatchGetItemResponse b ? b.consumedCapacity()
                : response instanceof TransactWriteItemsResponse t ? t.consumedCapacity()
                : List.of();
        double read = sum(consumed, c -> c.readCapacityUnits() != null ? c.readCapacityUnits() : 0.0);
        double write = sum(consumed, c -> c.writeCapacityUnits() != null ? c.writeCapacityUnits()
                : response instanceof TransactWriteItemsResponse || response instanceof PutItemResponse || response instanceof UpdateItemResponse
                ? (c.capacityUnits() == null ? 0 : c.capacityUnits()) : 0.0);
        if (read == 0 && write == 0 && !(response instanceof PutItemResponse || response instanceof UpdateItemResponse
                || response instanceof TransactWriteItemsResponse)) {
            read = sum(consumed, c -> c.capacityUnits() == null ? 0 : c.capacityUnits());
        }
        synchronized (CapacityMeter.class) {
            java.util.Map<String, Double> byTable = new java.util.HashMap<>();
            if (response instanceof TransactWriteItemsResponse && consumed != null) {
                consumed.forEach(c -> byTable.merge(c.tableName(), c.writeCapacityUnits() != null ? c.writeCapacityUnits()
                        : c.capacityUnits() == null ? 0 : c.capacityUnits(), Double::sum));
            }
            CALLS.add(new Call(context.request().getClass().getSimpleName().replace("Request", ""), Thread.currentThread().getName(), read, write,
                    byTable));
        }
    }

    private static List<ConsumedCapacity> one(ConsumedCapacity c) {
        return c == null ? List.of() : List.of(c);
    }

    private static double sum(List<ConsumedCapacity> consumed, Function<ConsumedCapacity, Double> units) {
        return consumed == null ? 0 : consumed.stream().mapToDouble(units::apply).sum();
    }
}
