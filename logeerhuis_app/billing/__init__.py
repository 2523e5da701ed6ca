"""Billing: registering and correcting nights, closing a month, invoice drafts, final and
credit invoices with their PDFs and payments, and the month and year overviews.
"""
