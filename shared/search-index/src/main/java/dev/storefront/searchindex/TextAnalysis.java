package dev.storefront.searchindex;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How text becomes index terms, the same for products and for queries (docs/SEARCH.md, "Analysis"):
 * invisible format characters removed (bidi marks, zero-width joiners, which Unicode would glue to
 * a word), Lucene's {@link StandardTokenizer} (Unicode word boundaries: quotes and wildcards are
 * separators, never syntax), lower case, {@link ASCIIFoldingFilter} (café = cafe), English stop words
 * dropped, then the possessive {@code 's} and {@link PorterStemFilter} (jackets = jacket, shoes = shoe).
 *
 * <p>Each word comes in two forms: its stem, for whole-word matches, and its folded spelling before
 * stemming, for prefixes: a shopper typing {@code runn} has typed the start of "running", not of its
 * stem "run".
 */
public final class TextAnalysis {

    /** Longer tokens (a pasted hash, a URL) are not words anyone searches for, and keys stay short. */
    static final int MAX_WORD_LENGTH = 40;

    /** One word of a text: its folded spelling and its stem. */
    public record Word(String folded, String stem) {
    }

    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private TextAnalysis() {
    }

    /** The words of a text, in order, repeats kept. */
    public static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        List<String> folded = tokens(FOLDING, text);
        List<String> stems = tokens(STEMMING, text);
        // Both chains drop the same tokens (stop words, over-long ones), so they align one to one.
        for (int i = 0; i < folded.size() && i < stems.size(); i++) {
            words.add(new Word(folded.get(i), stems.get(i)));
        }
        return words;
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
        }
        return tokens;
    }

    /** Tokenize, lower-case, fold accents, drop stop words. Possessives go before stemming only. */
    private static TokenStream folded(StandardTokenizer source) {
        source.setMaxTokenLength(MAX_WORD_LENGTH);
        return new StopFilter(new ASCIIFoldingFilter(new LowerCaseFilter(source)), STOP_WORDS);
    }

    /** Unicode's format characters (Cf): right-to-left marks, zero-width spaces and joiners, BOMs. */
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");

    private static Reader visible(Reader reader) {
        return new PatternReplaceCharFilter(INVISIBLE, "", reader);
    }

    private static final Analyzer FOLDING = new Analyzer() {
        @Override
        protected Reader initReader(String field, Reader reader) {
            return visible(reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, folded(source));
        }
    };

    private static final Analyzer STEMMING = new Analyzer() {
        @Override
        protected Reader initReader(String field, Reader reader) {
            return visible(reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new PorterStemFilter(new EnglishPossessiveFilter(folded(source))));
        }
    };
}
