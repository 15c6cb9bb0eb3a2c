package io.stowage.webconsole;

import org.owasp.encoder.Encode;

/**
 * Builds an HTML fragment in which every piece of data is encoded for where it goes: element text, an attribute
 * value, or a URL's query or path component. Only the literal markup of the pages is appended raw.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(4096);

    /** Literal markup written by the pages themselves, never data. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Data as element text. */
    Html text(Object data) {
        out.append(encode(String.valueOf(data)));
        return this;
    }

    static String encode(String data) {
        return Encode.forHtml(data);
    }

    /** Data as a quoted attribute value. */
    static String attr(String data) {
        return Encode.forHtmlAttribute(data);
    }

    /** Data as one component of a URL (a path segment or a query value). */
    static String component(String data) {
        return Encode.forUriComponent(data);
    }

    /** A table row of cells, each encoded as text. */
    Html row(Object... cells) {
        out.append("<tr>");
        for (Object cell : cells) {
            out.append("<td>").append(encode(String.valueOf(cell))).append("</td>");
        }
        out.append("</tr>\n");
        return this;
    }

    /** The opening of a table with its header cells (literal). */
    Html table(String id, String... headers) {
        out.append("<table class='stowage-table' id='").append(attr(id)).append("'><thead><tr>");
        for (String header : headers) {
            out.append("<th>").append(encode(header)).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        return this;
    }

    Html endTable() {
        out.append("</tbody></table>\n");
        return this;
    }

    /** A POST form's start with its CSRF token; close it with {@code </form>}. */
    Html form(String action, String token, String extraAttributes) {
        out.append("<form method='post' action='").append(attr(action)).append("' ").append(extraAttributes)
                .append("><input type='hidden' name='").append(CsrfTokens.FIELD).append("' value='")
                .append(attr(token)).append("'>");
        return this;
    }

    /** A select of the options given, each value its own label. */
    Html select(String name, Iterable<String> options, String firstLabel) {
        out.append("<select name='").append(attr(name)).append("'>");
        if (firstLabel != null) {
            out.append("<option value=''>").append(encode(firstLabel)).append("</option>");
        }
        for (String option : options) {
            out.append("<option value='").append(attr(option)).append("'>").append(encode(option)).append("</option>");
        }
        out.append("</select>");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
