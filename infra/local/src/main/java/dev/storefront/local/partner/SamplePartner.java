package dev.storefront.local.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * `make partner`: a warehouse that says yes to everything. It long-polls fulfilment-requests.fifo
 * of a running `make run`; for each {@code fulfilment.requested} it sends {@code accepted},
 * {@code shipped} (carrier SAMPLE, a tracking number) and {@code delivered} to
 * fulfilment-updates.fifo (group = the order), then deletes the request. Update ids are derived
 * from the request's id, so a request it sees twice yields the same updates, which the storefront
 * drops as duplicates. For each {@code return.requested} it sends {@code return.received} with every
 * unit RESELLABLE (the buyer's units go back into stock, the refund is made).
 * {@code PARTNER_STEP_MILLIS} (default 0) waits between the steps.
 * Ctrl-C stops it.
 */
public final class SamplePartner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SamplePartner() {
    }

    public static void main(String[] args) throws Exception {
        PartnerQueues queues = PartnerQueues.local();
        long step = Long.parseLong(System.getenv().getOrDefault("PARTNER_STEP_MILLIS", "0"));
        System.out.println("Sample partner reading " + queues.requests() + "\n  and writing " + queues.updates() + " (Ctrl-C stops)");
        while (true) {
            for (Message message : queues.sqs().receiveMessage(r -> r.queueUrl(queues.requests()).maxNumberOfMessages(10).waitTimeSeconds(20)).messages()) {
                JsonNode request = JSON.readTree(message.body());
                String orderId = request.path("orderId").asText();
                String type = request.path("type").asText();
                if (type.equals("fulfilment.requested")) {
                    accept(queues, request);
                    Thread.sleep(step);
                    ship(queues, request);
                    Thread.sleep(step);
                    deliver(queues, request);
                    System.out.println(Instant.now() + " order " + orderId + ": sent accepted, shipped, delivered");
                } else if (type.equals("return.requested")) {
                    receiveReturn(queues, request);
                    System.out.println(Instant.now() + " order " + orderId + ": return " + request.at("/data/rma").asText()
                            + " received, every unit resellable");
                } else if (type.equals("fulfilment.update_ignored")) {
                    // The storefront's answer to an update of ours that changed nothing (docs/PARTNERS.md).
                    JsonNode data = request.path("data");
                    System.out.println(Instant.now() + " order " + orderId + ": our " + data.path("updateType").asText("update") + " "
                            + data.path("updateEventId").asText("") + " was ignored: " + data.path("reason").asText() + " ("
                            + data.path("detail").asText() + ")" + (data.has("status") ? ", the order is " + data.path("status").asText() : ""));
                } else {
                    System.out.println(Instant.now() + " order " + orderId + ": " + type + " (nothing shipped yet here, nothing to stop)");
                }
                queues.sqs().deleteMessage(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** The partner's answers to a {@code fulfilment.requested}; also used by `make demo`'s partner. */
    public static void accept(PartnerQueues queues, JsonNode request) {
        String orderId = request.path("orderId").asText();
        send(queues, orderId, request.path("eventId").asText(), "fulfilment.accepted",
                JSON.createObjectNode().put("partnerReference", "SAMPLE-" + orderId.substring(0, 8)));
    }

    public static void ship(PartnerQueues queues, JsonNode request) {
        String orderId = request.path("orderId").asText();
        send(queues, orderId, request.path("eventId").asText(), "fulfilment.shipped", JSON.createObjectNode().put("carrier", "SAMPLE")
                .put("trackingNumber", "SP" + orderId.substring(0, 12).toUpperCase()));
    }

    public static void deliver(PartnerQueues queues, JsonNode request) {
        send(queues, request.path("orderId").asText(), request.path("eventId").asText(), "fulfilment.delivered", JSON.createObjectNode());
    }

    /** The returned parcel arrived with every unit as good as new. */
    public static void receiveReturn(PartnerQueues queues, JsonNode request) {
        ObjectNode data = JSON.createObjectNode().put("returnId", request.at("/data/returnId").asText());
        com.fasterxml.jackson.databind.node.ArrayNode lines = data.putArray("lines");
        request.at("/data/lines").forEach(line -> lines.addObject().put("sku", line.path("sku").asText())
                .put("quantity", line.path("quantity").asInt()).put("condition", "RESELLABLE"));
        send(queues, request.path("orderId").asText(), request.path("eventId").asText(), "return.received", data);
    }

    /** An acceptance sent late, after the order moved on (an out-of-order update, its own eventId): the storefront ignores it. */
    public static void acceptLate(PartnerQueues queues, JsonNode request) {
        String orderId = request.path("orderId").asText();
        send(queues, orderId, request.path("eventId").asText() + ":late", "fulfilment.accepted",
                JSON.createObjectNode().put("partnerReference", "SAMPLE-" + orderId.substring(0, 8)));
    }

    public static void reject(PartnerQueues queues, JsonNode request, String reason) {
        send(queues, request.path("orderId").asText(), request.path("eventId").asText(), "fulfilment.rejected",
                JSON.createObjectNode().put("reason", reason));
    }

    private static void send(PartnerQueues queues, String orderId, String requestId, String type, ObjectNode data) {
        String eventId = UUID.nameUUIDFromBytes((requestId + ":" + type).getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode update = JSON.createObjectNode().put("eventId", eventId).put("type", type).put("version", 1)
                .put("occurredAt", Instant.now().toString()).put("orderId", orderId);
        update.set("data", data);
        queues.sqs().sendMessage(r -> r.queueUrl(queues.updates()).messageBody(update.toString())
                .messageGroupId(orderId).messageDeduplicationId(eventId));
        if (queues.sendsTwice()) {
            queues.sqs().sendMessage(r -> r.queueUrl(queues.updates()).messageBody(update.toString())
                    .messageGroupId(orderId).messageDeduplicationId(eventId + ":again"));
        }
    }
}
