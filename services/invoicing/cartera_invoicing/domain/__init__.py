"""Pure invoicing rules: amounts and taxes, the issued invoice, Verifactu, FacturaE. No I/O."""
