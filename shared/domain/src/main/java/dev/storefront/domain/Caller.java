package dev.storefront.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling: anonymous, or a signed-in customer (the token's subject) who may be in the
 * admin group. Built from claims the gateway has already verified; never from the request body.
 */
public record Caller(String subject, Set<String> groups) {

    public static final String ADMIN_GROUP = "admin";
    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public Caller {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /**
     * From verified JWT claims as API Gateway's JWT authorizer hands them over: every claim a
     * string, arrays flattened to "[a b]" (TokenRules produces the same form locally).
     */
    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null || claims.get("sub") == null || claims.get("sub").isBlank()) {
            return ANONYMOUS;
        }
        return new Caller(claims.get("sub"), parseGroups(claims.get(TokenRules.GROUPS_CLAIM)));
    }

    /**
     * The groups of the flattened claim, exactly: "[a b]" is the groups "a" and "b", split on single
     * spaces only, nothing stripped, so {@code support,admin} or {@code "admin"} are groups of their
     * own name. API Gateway's HTTP API JWT authorizer renders a JSON array claim as its elements
     * between brackets, separated by one space (measured against a Cognito-backed HTTP API:
     * floci-io/floci#2011; aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock#803).
     * Cognito group names hold no whitespace, so that form is exact for them. Anything else (no
     * brackets, an empty element, a plain string) is ambiguous and means no groups.
     */
    static Set<String> parseGroups(String claim) {
        if (claim == null || claim.length() < 3 || !claim.startsWith("[") || !claim.endsWith("]")) {
            return Set.of();
        }
        List<String> groups = Arrays.asList(claim.substring(1, claim.length() - 1).split(" ", -1));
        return groups.stream().anyMatch(String::isEmpty) ? Set.of() : Set.copyOf(groups);
    }

    public boolean isAnonymous() {
        return subject == null;
    }

    public boolean isAdmin() {
        return !isAnonymous() && groups.contains(ADMIN_GROUP);
    }

    /** 401 without a token, 403 for a signed-in customer who is not an admin. */
    public Caller requireAdmin() {
        if (isAnonymous()) {
            throw new Problem(ProblemCode.UNAUTHORIZED, "sign in with an admin account");
        }
        if (!isAdmin()) {
            throw new Problem(ProblemCode.FORBIDDEN, "this operation needs the admin group");
        }
        return this;
    }
}
