package dev.storefront.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
     * string, arrays flattened to "[a b]".
     */
    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null || claims.get("sub") == null || claims.get("sub").isBlank()) {
            return ANONYMOUS;
        }
        return new Caller(claims.get("sub"), parseGroups(claims.get("cognito:groups")));
    }

    static Set<String> parseGroups(String claim) {
        if (claim == null || claim.isBlank()) {
            return Set.of();
        }
        String list = claim.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        }
        return Arrays.stream(list.split("[\\s,]+"))
                .map(g -> g.replace("\"", ""))
                .filter(g -> !g.isBlank())
                .collect(Collectors.toUnmodifiableSet());
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
