package io.popflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A custom resource's schema from its operator's CRD (copies in {@code k8s/crds/}): what the API
 * server would check, and what it would silently drop, a field the schema does not name.
 */
final class CrdSchema {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** OpenAPI 3.0 with the API server's own extensions known (they constrain nothing offline). */
    private static final Dialect KUBERNETES_OPENAPI = Dialect.builder(Dialects.getOpenApi30())
            .keyword(new NonValidationKeyword("x-kubernetes-preserve-unknown-fields"))
            .keyword(new NonValidationKeyword("x-kubernetes-int-or-string"))
            .keyword(new NonValidationKeyword("x-kubernetes-validations"))
            .keyword(new NonValidationKeyword("x-kubernetes-list-type"))
            .keyword(new NonValidationKeyword("x-kubernetes-list-map-keys"))
            .keyword(new NonValidationKeyword("x-kubernetes-map-type"))
            .build();

    private final String apiVersion;
    private final String kind;
    private final JsonNode openApi;
    private final Schema schema;

    private CrdSchema(String apiVersion, String kind, JsonNode openApi) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.openApi = openApi;
        this.schema = SchemaRegistry.withDialect(KUBERNETES_OPENAPI).getSchema(openApi);
    }

    /** The schema of version {@code version} in the CRD file {@code crd}. */
    static CrdSchema load(Path crd, String version) throws IOException {
        JsonNode root = YAML.readTree(crd.toFile());
        for (JsonNode v : root.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return new CrdSchema(
                        root.path("spec").path("group").asText() + "/" + version,
                        root.path("spec").path("names").path("kind").asText(),
                        v.path("schema").path("openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException(crd + " has no version " + version);
    }

    String apiVersion() {
        return apiVersion;
    }

    String kind() {
        return kind;
    }

    /** Schema violations and fields the schema does not know; empty if the resource is valid. */
    List<String> problems(JsonNode resource) {
        List<String> problems = new ArrayList<>();
        if (!resource.path("apiVersion").asText().equals(apiVersion)) {
            problems.add("apiVersion " + resource.path("apiVersion").asText() + ", the CRD serves " + apiVersion);
        }
        schema.validate(resource).forEach(e -> problems.add(e.toString()));
        unknownFields(resource, openApi, "", problems);
        return problems;
    }

    /** Fields not among the schema's {@code properties}, except below x-kubernetes-preserve-unknown-fields. */
    private static void unknownFields(JsonNode node, JsonNode schema, String path, List<String> into) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (node.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path + "." + field.getKey();
                if (path.isEmpty() && field.getKey().equals("metadata")) {
                    continue; // Kubernetes' ObjectMeta, checked by the API server itself
                }
                if (properties.has(field.getKey())) {
                    unknownFields(field.getValue(), properties.get(field.getKey()), at, into);
                } else if (additional.isObject()) {
                    unknownFields(field.getValue(), additional, at, into);
                } else if (!additional.asBoolean(false) && !(path.isEmpty() && isTopLevelMeta(field.getKey()))) {
                    into.add(at + ": not a field of the schema");
                }
            }
        } else if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                unknownFields(node.get(i), schema.get("items"), path + "[" + i + "]", into);
            }
        }
    }

    /** apiVersion, kind and metadata, which CRD schemas may leave out. */
    private static boolean isTopLevelMeta(String field) {
        return field.equals("apiVersion") || field.equals("kind") || field.equals("metadata");
    }
}
