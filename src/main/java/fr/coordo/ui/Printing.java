package fr.coordo.ui;

import java.awt.print.PrinterException;
import java.awt.print.PrinterJob;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.printing.PDFPageable;

/** Prints a PDF through the system's print dialog: what is printed is exactly the tested document. */
final class Printing {
    private Printing() {}

    enum Outcome {
        PRINTED, CANCELLED, NO_PRINTER
    }

    /** Call off the JavaFX thread: the system dialog is modal on its own. */
    static Outcome print(byte[] pdf, String jobName) throws IOException, PrinterException {
        if (PrinterJob.lookupPrintServices().length == 0) {
            return Outcome.NO_PRINTER;
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PrinterJob job = PrinterJob.getPrinterJob();
            job.setJobName(jobName);
            job.setPageable(new PDFPageable(doc));
            if (!job.printDialog()) {
                return Outcome.CANCELLED;
            }
            job.print();
            return Outcome.PRINTED;
        }
    }
}
