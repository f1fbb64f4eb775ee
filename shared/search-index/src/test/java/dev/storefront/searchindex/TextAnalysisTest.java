package dev.storefront.searchindex;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextAnalysisTest {

    private static java.util.List<String> stems(String text) {
        return TextAnalysis.words(text).stream().map(TextAnalysis.Word::stem).toList();
    }

    @Test
    void plurals_stem_to_the_singular() {
        assertThat(stems("Waterproof Jackets")).isEqualTo(stems("waterproof jacket"));
        assertThat(stems("shoes")).isEqualTo(stems("Trail Shoe").subList(1, 2));
        assertThat(stems("dresses boxes")).isEqualTo(stems("dress box"));
    }

    @Test
    void accents_and_case_fold_away() {
        assertThat(stems("Café CRÈME")).isEqualTo(stems("cafe creme"));
        assertThat(TextAnalysis.words("Café").get(0).folded()).isEqualTo("cafe");
    }

    @Test
    void the_prefix_form_is_the_word_before_stemming() {
        assertThat(TextAnalysis.words("Running").get(0)).isEqualTo(new TextAnalysis.Word("running", "run"));
    }

    @Test
    void stop_words_are_dropped() {
        assertThat(stems("a jacket for the rain")).containsExactly("jacket", "rain");
    }

    @Test
    void hostile_characters_are_just_text() {
        assertThat(stems("\"jacket*\" OR shoe?")).containsExactly("jacket", "shoe");
        assertThat(stems("\u200Fjacket\u200E")).containsExactly("jacket");
        assertThat(stems("<script>alert(1)</script>")).containsExactly("script", "alert", "1", "script");
        assertThat(TextAnalysis.words("🙂🙂 ***  '' \u202E")).allSatisfy(w -> assertThat(w.stem()).doesNotContain("*", "'"));
    }
}
