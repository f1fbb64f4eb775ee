package dev.storefront.local.sources;

import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.StackResources;

/** Finds the local queue behind an ARN a template names (an event source, an on-failure destination). */
final class LocalQueues {

    private LocalQueues() {
    }

    /** The URL of the template's queue with this ARN; fails when the template declares no such queue. */
    static String urlOf(StackResources resources, String arn, String where) {
        for (String id : resources.template().resourcesOfType(SamTemplate.QUEUE).keySet()) {
            if (resources.queueArn(id).equals(arn)) {
                return resources.queueUrl(id);
            }
        }
        throw new IllegalArgumentException(where + ": no queue of the template has the ARN " + arn
                + "; only queues declared in the template exist locally");
    }

    /** The queue name at the end of a queue URL or ARN. */
    static String name(String urlOrArn) {
        return urlOrArn.substring(Math.max(urlOrArn.lastIndexOf('/'), urlOrArn.lastIndexOf(':')) + 1);
    }
}
