package com.example.paymentflow.routes;

/**
 * An edit of routes/ that is not applied: a file does not parse, the set of routes breaks a {@link RouteSetCheck},
 * or Camel could not create a route from it. Line and column are known for parse errors only (else 0).
 */
public class RefusedEditException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;

    public RefusedEditException(String file, int line, int column, String reason, Throwable cause) {
        super(reason, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file at fault (its location, e.g. file:routes/erp.camel.yaml), or the files of the edit. */
    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Where in the file and why, as the log says it: "file, line 6, column 11: reason", or the reason alone. */
    public String describe() {
        if (line <= 0) {
            return getMessage();
        }
        return file + ", line " + line + (column > 0 ? ", column " + column : "") + ": " + getMessage();
    }
}
