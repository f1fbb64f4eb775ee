package dev.storefront.insights.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.insights.TrafficSource;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code PUT /admin/campaigns/{campaignId}} {@code {name, spend: [{date, amount, currency}]}}: what a
 * campaign cost per day, for the ROAS and cost per order of its rows in {@code GET /admin/kpis?groupBy=campaign}.
 */
@Controller("/admin/campaigns")
class CampaignRoutes {

    /** Days per request: keeps a body under the 16 KiB limit; send more days in further PUTs. */
    static final int MAX_SPEND_DAYS = 100;
    static final long MAX_AMOUNT = 10_000_000_000L;

    private final CampaignSpendStore campaigns;

    CampaignRoutes(CampaignSpendStore campaigns) {
        this.campaigns = campaigns;
    }

    @Serdeable
    record SpendView(String date, long amount, String currency) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CampaignView(String campaignId, String name, List<SpendView> spend) {
    }

    @Put("/{campaignId}")
    HttpResponse<CampaignView> put(String campaignId, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        if (!TrafficSource.isCampaignId(campaignId)) {
            throw Problem.invalid("campaignId", "campaignId must be 1-64 of a-z 0-9 . _ - starting with a letter or digit, not other or none");
        }
        JsonObject json = JsonBody.parse(body).allowOnly("name", "spend");
        String name = json.string("name", 100);
        if (name.isBlank()) {
            throw Problem.invalid("name", "name must not be blank");
        }
        List<CampaignSpendStore.Spend> spend = json.has("spend") ? spend(json.objects("spend", MAX_SPEND_DAYS)) : List.of();
        boolean created = campaigns.save(campaignId, name, spend);
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(new CampaignView(campaignId, name,
                spend.stream().map(d -> new SpendView(d.date().toString(), d.amount(), d.currency())).toList()));
    }

    private static List<CampaignSpendStore.Spend> spend(List<JsonObject> days) {
        List<CampaignSpendStore.Spend> spend = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            JsonObject day = days.get(i).allowOnly("date", "amount", "currency");
            String field = "spend[" + i + "].date";
            LocalDate date = date(field, day.string("date", 10));
            long amount = day.integer("amount", 0, MAX_AMOUNT);
            String currency = day.currency("currency");
            if (!seen.add(date + currency)) {
                throw Problem.invalid(field, field + ": " + date + " in " + currency + " is given twice");
            }
            spend.add(new CampaignSpendStore.Spend(date, amount, currency));
        }
        return spend;
    }

    private static LocalDate date(String field, String raw) {
        if (!raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw Problem.invalid(field, field + " must be a date as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(field, field + " is not a calendar date");
        }
    }
}
