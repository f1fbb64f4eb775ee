package dev.storefront.domain.catalog;

/** A category of products; its display name is derived from the slug until categories get their own admin. */
public record Category(String slug, String name) {

    public static Category of(String slug) {
        String words = slug.replace('-', ' ');
        return new Category(slug, Character.toUpperCase(words.charAt(0)) + words.substring(1));
    }
}
