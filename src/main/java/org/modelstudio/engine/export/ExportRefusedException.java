package org.modelstudio.engine.export;

/**
 * A model that an export cannot write exactly; the message is a sentence for the user that names the layer and says
 * why. Nothing is written then: an approximate file would answer differently from the studio without saying so.
 */
public class ExportRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExportRefusedException(String message) {
        super(message);
    }
}
