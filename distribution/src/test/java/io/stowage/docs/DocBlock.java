package io.stowage.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * A fenced code block of a Markdown document: its language tag, the line of its opening fence, and its lines.
 *
 * @param doc the document, as failures name it (e.g. {@code docs/operating.md})
 * @param line the 1-based line of the opening fence
 */
record DocBlock(String doc, int line, String language, List<String> lines) {

    private static final String FENCE = "```";

    DocBlock {
        lines = List.copyOf(lines);
    }

    /** The blocks of a document, in order; a fence must start at the beginning of its line. */
    static List<DocBlock> of(String doc, List<String> markdown) {
        List<DocBlock> blocks = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            if (!markdown.get(i).startsWith(FENCE)) {
                continue;
            }
            int opening = i;
            List<String> body = new ArrayList<>();
            for (i++; i < markdown.size() && !markdown.get(i).strip().equals(FENCE); i++) {
                body.add(markdown.get(i));
            }
            if (i == markdown.size()) {
                throw new AssertionError(doc + ":" + (opening + 1) + ": the block is never closed");
            }
            blocks.add(new DocBlock(doc, opening + 1, markdown.get(opening).substring(FENCE.length()).strip(), body));
        }
        return blocks;
    }

    /** Where the block starts, as {@code doc:line}. */
    String where() {
        return doc + ":" + line;
    }

    /** Where one of its lines is, as {@code doc:line}. */
    String where(int index) {
        return doc + ":" + (line + 1 + index);
    }

    String firstLine() {
        return lines.isEmpty() ? "" : lines.get(0);
    }
}
