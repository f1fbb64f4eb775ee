package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /admin/dead-letters} and {@code POST /admin/dead-letters/{queue}/redrive}: admins only. */
@Controller("/admin/dead-letters")
class DeadLetterRoutes {

    private final DeadLetters deadLetters;

    DeadLetterRoutes(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Serdeable
    record DeadLetterList(@JsonInclude(JsonInclude.Include.ALWAYS) List<DeadLetters.QueueView> items) {
    }

    @Get
    DeadLetterList list(Caller caller) {
        caller.requireAdmin();
        return new DeadLetterList(deadLetters.all());
    }

    /** 200 when SQS finished the move within the wait, 202 while it is still running (the list shows what is left). */
    @Post("/{queue}/redrive")
    HttpResponse<DeadLetters.Redrive> redrive(String queue, Caller caller) {
        caller.requireAdmin();
        DeadLetters.Redrive redrive = deadLetters.redrive(queue);
        return HttpResponse.status(DeadLetters.RUNNING.equals(redrive.status()) ? HttpStatus.ACCEPTED : HttpStatus.OK).body(redrive);
    }
}
