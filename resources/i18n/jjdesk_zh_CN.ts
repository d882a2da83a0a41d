<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>HomePage</name>
        <message>
            <source>Jiaojiang Digital Economy Ledger</source>
            <translation>椒江数字经济工作台账</translation>
        </message>
        <message>
            <source>Database file</source>
            <translation>数据库文件</translation>
        </message>
        <message>
            <source>Schema version</source>
            <translation>数据结构版本</translation>
        </message>
        <message>
            <source>Platform enterprises</source>
            <translation>平台入驻企业</translation>
        </message>
        <message>
            <source>Initiatives</source>
            <translation>工作举措</translation>
        </message>
        <message>
            <source>Statistics figures</source>
            <translation>统计数据</translation>
        </message>
        <message>
            <source>Audit entries</source>
            <translation>修改记录条数</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Jiaojiang Digital Economy Ledger</source>
            <translation>椒江数字经济工作台账</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>概览</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>数据库：%1</translation>
        </message>
        <message>
            <source>User: %1 (%2)</source>
            <translation>用户：%1（%2）</translation>
        </message>
        <message>
            <source>Enterprises %1 · Initiatives %2 · Figures %3</source>
            <translation>企业 %1 · 举措 %2 · 统计数据 %3</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>Cannot open database</source>
            <translation>无法打开数据库</translation>
        </message>
    </context>
</TS>
