"""Reusable widgets shared by pages (filter bar, …); they emit plain values and call no service themselves."""
