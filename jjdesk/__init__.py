"""jjdesk — 椒江数字经济工作台账: a desktop ledger for Jiaojiang District's digital-economy work."""

__version__ = "0.1.0"
