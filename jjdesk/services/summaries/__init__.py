"""What the 汇总 page shows: the dashboard's figures and charts, the cross-tab, the year comparison and the
drafted bulletin paragraph."""
