package dev.storefront.insights.segments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.customerstore.CustomerStore;
import dev.storefront.customerstore.SegmentRuleStore;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.customer.SegmentRule;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import dev.storefront.http.QueryParams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Segment administration (InsightsAdminFunction, behind the JWT authorizer; the admin group is
 * checked here as well): {@code PUT /admin/segments/campus} with {@code {"emailDomainEndsWith":".edu"}},
 * {@code GET /admin/segments} (every rule and its member count), {@code GET
 * /admin/segments/campus/customers?limit=&cursor=} (its members, cursor pages).
 */
@Controller("/admin/segments")
class SegmentAdminRoutes {

    private final SegmentRuleStore rules;
    private final CustomerStore profiles;

    SegmentAdminRoutes(SegmentRuleStore rules, CustomerStore profiles) {
        this.rules = rules;
        this.profiles = profiles;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RuleView(@Nullable String emailDomainEndsWith, @Nullable Integer minOrders, @Nullable Integer maxOrders) {
        static RuleView of(SegmentRule rule) {
            return new RuleView(rule.emailDomainEndsWith(), rule.minOrders(), rule.maxOrders());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SegmentView(String name, RuleView rule, @Nullable Long members) {
    }

    @Serdeable
    record SegmentList(List<SegmentView> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberList(List<MemberView> items, @Nullable String nextCursor) {
    }

    @Serdeable
    record MemberView(String customerId, @Nullable String joinedAt) {
    }

    @Put("/{name}")
    HttpResponse<SegmentView> put(String name, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        SegmentRule rule = ruleFrom(JsonBody.parse(body));
        boolean created = rules.save(SegmentRule.requireName(name), rule);
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(new SegmentView(name, RuleView.of(rule), null));
    }

    @Get
    SegmentList list(Caller caller) {
        caller.requireAdmin();
        return new SegmentList(rules.all().entrySet().stream()
                .map(e -> new SegmentView(e.getKey(), RuleView.of(e.getValue()), profiles.memberCount(e.getKey())))
                .toList());
    }

    @Get("/{name}/customers")
    MemberList members(String name, Caller caller, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        caller.requireAdmin();
        int pageSize = QueryParams.intInRange("limit", limit, 1, 100, 20);
        if (!SegmentRule.isName(name) || rules.find(name).isEmpty()) {
            throw Problem.notFound("segment " + Problem.quote(name));
        }
        CustomerStore.MemberPage page = profiles.members(name, pageSize, cursor);
        return new MemberList(page.items().stream().map(m -> new MemberView(m.customerId(), m.joinedAt())).toList(), page.nextCursor());
    }

    /** Reads only the rule's fields: anything else is a 400 naming the field. */
    static SegmentRule ruleFrom(JsonObject body) {
        body.allowOnly("emailDomainEndsWith", "minOrders", "maxOrders");
        return new SegmentRule(body.optionalString("emailDomainEndsWith", 253),
                body.has("minOrders") ? (int) body.integer("minOrders", 0, SegmentRule.MAX_ORDERS) : null,
                body.has("maxOrders") ? (int) body.integer("maxOrders", 0, SegmentRule.MAX_ORDERS) : null);
    }
}
