package dev.envoi.peppol;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import com.helger.base.location.ILocation;
import com.helger.diagnostics.error.IError;
import com.helger.io.resource.FileSystemResource;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResult;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidationBisEurope;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXMLReadableResource;

/**
 * Validates every {@code *.xml} file of a directory against the newest Peppol BIS Billing 3.0 rule
 * set that phive-rules-peppol registers: the UBL 2.1 XSD, then the EN 16931 (CEN) Schematron, then
 * the Peppol BIS Schematron. A UBL {@code Invoice} root gets the invoice set, a UBL
 * {@code CreditNote} root the credit-note set; any other file is an error.
 *
 * <p>Prints every error and warning with its rule id, location and message, then a summary.
 * Exit status: 0 when every file is valid (warnings allowed), 1 when a file has an error, 2 when
 * the arguments are wrong or there is no XML file to validate (so an empty run never passes).
 *
 * <pre>
 *   java -jar target/envoi-peppol-validator.jar DIR_OR_FILE...
 * </pre>
 */
public final class ValidatePeppol {
    static final String UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String UBL_CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    /** phive's group id for Peppol BIS 3 (Billing and the other post-award documents). */
    static final String PEPPOL_BIS3_GROUP = "eu.peppol.bis3";

    private static final Pattern NAMESPACE_TEST = Pattern.compile("\\*:([\\w.-]+)\\[namespace-uri\\(\\)='[^']*'\\]");

    static final int EXIT_VALID = 0;
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;

    private ValidatePeppol() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** One reported problem of one file. */
    record Finding(Severity severity, String ruleId, String layer, String location, String message) {}

    enum Severity { ERROR, WARNING, INFO }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            err.println("usage: validate.sh DIR_OR_FILE...   (every *.xml in each DIR, not recursive)");
            return EXIT_USAGE;
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("error: cannot list directory " + path + ": " + e.getMessage());
                    return EXIT_USAGE;
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                err.println("error: no such file or directory: " + path);
                return EXIT_USAGE;
            }
        }
        if (files.isEmpty()) {
            err.println("error: no *.xml file in " + String.join(", ", args) + ": nothing was validated");
            return EXIT_USAGE;
        }

        ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
        PeppolValidationBisEurope.init(registry);
        IValidationExecutorSet<IValidationSourceXML> invoiceRules =
                registry.getLatestReleaseVersion(PEPPOL_BIS3_GROUP, "invoice", null);
        IValidationExecutorSet<IValidationSourceXML> creditNoteRules =
                registry.getLatestReleaseVersion(PEPPOL_BIS3_GROUP, "creditnote", null);
        if (invoiceRules == null || creditNoteRules == null) {
            err.println("error: phive-rules-peppol registered no " + PEPPOL_BIS3_GROUP + " invoice/creditnote rule set");
            return EXIT_USAGE;
        }
        out.println("rules: " + invoiceRules.getID().getAsSingleID() + "  " + invoiceRules.getDisplayName());
        out.println("rules: " + creditNoteRules.getID().getAsSingleID() + "  " + creditNoteRules.getDisplayName());

        DocumentBuilder parser;
        try {
            parser = secureParser();
        } catch (ParserConfigurationException e) {
            err.println("error: cannot configure the XML parser: " + e.getMessage());
            return EXIT_USAGE;
        }

        int invalidFiles = 0;
        int totalErrors = 0;
        int totalWarnings = 0;
        for (Path file : files) {
            out.println();
            List<Finding> findings = new ArrayList<>();
            String rulesUsed;
            String rootName;
            try {
                Element root = parser.parse(file.toFile()).getDocumentElement();
                rootName = root.getNamespaceURI() == null ? root.getTagName()
                        : "{" + root.getNamespaceURI() + "}" + root.getLocalName();
                IValidationExecutorSet<IValidationSourceXML> rules = null;
                if (UBL_INVOICE_NS.equals(root.getNamespaceURI()) && "Invoice".equals(root.getLocalName())) {
                    rules = invoiceRules;
                } else if (UBL_CREDIT_NOTE_NS.equals(root.getNamespaceURI())
                        && "CreditNote".equals(root.getLocalName())) {
                    rules = creditNoteRules;
                }
                if (rules == null) {
                    rulesUsed = "none";
                    findings.add(new Finding(Severity.ERROR, "ROOT", "envoi", "/" + root.getTagName(),
                            "root element " + rootName + " is neither a UBL 2.1 Invoice (" + UBL_INVOICE_NS
                                    + ") nor a UBL 2.1 CreditNote (" + UBL_CREDIT_NOTE_NS + ")"));
                } else {
                    rulesUsed = rules.getID().getAsSingleID();
                    findings.addAll(validate(rules, file));
                }
            } catch (SAXParseException e) {
                rulesUsed = "none";
                findings.add(new Finding(Severity.ERROR, "XML", "parser",
                        "line " + e.getLineNumber() + ", column " + e.getColumnNumber(),
                        "not well-formed XML: " + e.getMessage()));
            } catch (SAXException | IOException e) {
                rulesUsed = "none";
                findings.add(new Finding(Severity.ERROR, "XML", "parser", "-", "cannot read: " + e.getMessage()));
            }

            long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
            long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
            out.println("== " + file + "  [" + rulesUsed + "]");
            for (Finding f : findings) {
                out.println("  " + f.severity() + " " + f.ruleId() + " [" + f.layer() + "] at " + f.location()
                        + ": " + f.message());
            }
            out.println("  => " + (errors == 0 ? "VALID" : "INVALID") + " (" + errors + " error(s), " + warnings
                    + " warning(s))");
            if (errors > 0) {
                invalidFiles++;
            }
            totalErrors += errors;
            totalWarnings += warnings;
        }

        out.println();
        out.println("summary: " + files.size() + " file(s), " + (files.size() - invalidFiles) + " valid, "
                + invalidFiles + " invalid; " + totalErrors + " error(s), " + totalWarnings + " warning(s)");
        return invalidFiles == 0 ? EXIT_VALID : EXIT_INVALID;
    }

    /** Runs the XSD and both Schematron layers; a layer skipped after an XSD failure is reported too. */
    static List<Finding> validate(IValidationExecutorSet<IValidationSourceXML> rules, Path file) {
        ValidationResultList results = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createDefault(), rules,
                new ValidationSourceXMLReadableResource(new FileSystemResource(file.toAbsolutePath())),
                Locale.US);
        List<Finding> findings = new ArrayList<>();
        for (ValidationResult result : results) {
            String layer = baseName(result.getValidationArtefact().getRuleResourcePath());
            if (result.isSkipped()) {
                findings.add(new Finding(Severity.INFO, "SKIPPED", layer, "-",
                        "not run because an earlier layer (the XSD) failed"));
                continue;
            }
            for (IError error : result.getErrorList()) {
                findings.add(new Finding(severityOf(error), ruleIdOf(error, layer), layer, locationOf(error),
                        shortenNamespaces(oneLine(error.getErrorText(Locale.US)))));
            }
        }
        return findings;
    }

    static Severity severityOf(IError error) {
        if (error.getErrorLevel().isError()) {
            return Severity.ERROR;
        }
        // EErrorLevel: SUCCESS 0, INFO 1, WARN 2, ERROR 3, FATAL_ERROR 4.
        return error.getErrorLevel().getNumericLevel() >= 2 ? Severity.WARNING : Severity.INFO;
    }

    /** The Schematron assertion id (BR-CO-15, PEPPOL-EN16931-R001…); XSD findings have none. */
    static String ruleIdOf(IError error, String layer) {
        String id = error.getErrorID();
        if (id != null && !id.isBlank()) {
            return id;
        }
        return layer.endsWith(".xsd") ? "XSD" : "NO-RULE-ID";
    }

    /** Schematron findings carry the XPath of the failing node; XSD findings carry line and column. */
    static String locationOf(IError error) {
        List<String> parts = new ArrayList<>();
        if (error.getErrorFieldName() != null && !error.getErrorFieldName().isBlank()) {
            // "/*:Invoice[namespace-uri()='urn:…:Invoice-2'][1]/cac:…" reads as "/Invoice[1]/cac:…"
            parts.add(NAMESPACE_TEST.matcher(error.getErrorFieldName()).replaceAll("$1"));
        }
        if (error.hasErrorLocation()) {
            ILocation location = error.getErrorLocation();
            if (location.hasLineNumber()) {
                parts.add("line " + location.getLineNumber()
                        + (location.hasColumnNumber() ? ", column " + location.getColumnNumber() : ""));
            }
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** XSD messages spell out every namespace; the usual UBL prefixes read better. */
    static String shortenNamespaces(String text) {
        return text.replace("\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\":", "cbc:")
                .replace("\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\":", "cac:")
                .replace("\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\":", "ext:");
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    /** Namespace-aware, no DTDs or external entities (the files come from outside). */
    static DocumentBuilder secureParser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // Parse errors are thrown; do not also print them to stderr.
        builder.setErrorHandler(new DefaultHandler() {
            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder;
    }
}
