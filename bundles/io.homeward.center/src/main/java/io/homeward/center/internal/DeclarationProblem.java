package io.homeward.center.internal;

/**
 * A mistake in a plugin's declaration file, located for the integrator who has to fix it.
 *
 * @param file path of the declaration inside the bundle
 * @param line 1-based, or -1 when unknown
 * @param column 1-based, or -1 when unknown
 * @param message what is wrong
 */
record DeclarationProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
