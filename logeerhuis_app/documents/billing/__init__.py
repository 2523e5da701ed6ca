"""Documents of billing: the invoice PDF and the month and year overviews (PDF, XLSX, charts)."""
