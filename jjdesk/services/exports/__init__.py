"""Workbooks that go out: the record lists, exactly what a list view shows, the meeting pack and the review
exports (审核报告, 修改记录)."""
