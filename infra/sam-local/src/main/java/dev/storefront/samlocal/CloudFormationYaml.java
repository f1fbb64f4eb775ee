package dev.storefront.samlocal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML document into plain maps, lists and scalars.
 *
 * <p>CloudFormation's short-form tags ({@code !Ref X}, {@code !GetAtt A.B}, ...) are rewritten into
 * their long form ({@code {Ref: X}}, {@code {"Fn::GetAtt": [A, B]}}), so everything downstream only
 * has to understand one shape. Built on {@link SafeConstructor}: a template never instantiates
 * arbitrary classes.
 */
final class CloudFormationYaml {

    /** Short-form tag name (without '!') to the long-form key it stands for. */
    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("Ref", "Ref"),
            Map.entry("Condition", "Condition"),
            Map.entry("GetAtt", "Fn::GetAtt"),
            Map.entry("Sub", "Fn::Sub"),
            Map.entry("If", "Fn::If"),
            Map.entry("Equals", "Fn::Equals"),
            Map.entry("Not", "Fn::Not"),
            Map.entry("And", "Fn::And"),
            Map.entry("Or", "Fn::Or"),
            Map.entry("Select", "Fn::Select"),
            Map.entry("Split", "Fn::Split"),
            Map.entry("Join", "Fn::Join"),
            Map.entry("FindInMap", "Fn::FindInMap"),
            Map.entry("ImportValue", "Fn::ImportValue"),
            Map.entry("Base64", "Fn::Base64"),
            Map.entry("GetAZs", "Fn::GetAZs"),
            Map.entry("Cidr", "Fn::Cidr"));

    private CloudFormationYaml() {
    }

    /** Parses the document at {@code file}; its root must be a mapping. */
    static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new Constructor()).load(reader);
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) map;
            return typed;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Invalid YAML in " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Constructor extends SafeConstructor {

        Constructor() {
            super(options());
            SHORT_FORMS.forEach((tag, longForm) -> yamlConstructors.put(new Tag("!" + tag), new ShortForm(longForm)));
            // CloudFormation keeps unquoted dates such as 2010-09-09 as strings, not java.util.Date.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        private static LoaderOptions options() {
            LoaderOptions options = new LoaderOptions();
            // CloudFormation rejects duplicate keys; silently keeping the last one would hide mistakes.
            options.setAllowDuplicateKeys(false);
            return options;
        }

        private final class ShortForm extends AbstractConstruct {
            private final String longForm;

            ShortForm(String longForm) {
                this.longForm = longForm;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    argument = longForm.equals("Fn::GetAtt") ? splitGetAtt(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>(1);
                intrinsic.put(longForm, argument);
                return intrinsic;
            }

            /** {@code !GetAtt Queue.Arn} means [Queue, Arn]; nested attributes keep their dots. */
            private List<String> splitGetAtt(String text) {
                int dot = text.indexOf('.');
                if (dot <= 0 || dot == text.length() - 1) {
                    throw new YAMLException("!GetAtt needs LogicalId.Attribute but got '" + text + "'");
                }
                return List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
