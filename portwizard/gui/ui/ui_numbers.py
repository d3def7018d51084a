# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'numbers.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize)
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QVBoxLayout, QWidget)

class Ui_NumbersPage(object):
    def setupUi(self, NumbersPage):
        if not NumbersPage.objectName():
            NumbersPage.setObjectName(u"NumbersPage")
        self.page_layout = QVBoxLayout(NumbersPage)
        self.page_layout.setObjectName(u"page_layout")
        self.intro = QLabel(NumbersPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.numbers = QPlainTextEdit(NumbersPage)
        self.numbers.setObjectName(u"numbers")
        self.numbers.setTabChangesFocus(True)
        self.numbers.setMaximumSize(QSize(16777215, 90))

        self.page_layout.addWidget(self.numbers)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.buttons_layout.setContentsMargins(0, 0, 0, 0)
        self.add_numbers = QPushButton(NumbersPage)
        self.add_numbers.setObjectName(u"add_numbers")

        self.buttons_layout.addWidget(self.add_numbers)

        self.import_csv = QPushButton(NumbersPage)
        self.import_csv.setObjectName(u"import_csv")

        self.buttons_layout.addWidget(self.import_csv)

        self.buttons_layout_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_layout_spacer)


        self.page_layout.addLayout(self.buttons_layout)

        self.numbers_table = QTableWidget(NumbersPage)
        self.numbers_table.setObjectName(u"numbers_table")
        self.numbers_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.numbers_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.numbers_table.setAlternatingRowColors(True)

        self.page_layout.addWidget(self.numbers_table)

        self.numbers_summary = QLabel(NumbersPage)
        self.numbers_summary.setObjectName(u"numbers_summary")
        self.numbers_summary.setWordWrap(True)

        self.page_layout.addWidget(self.numbers_summary)

        QWidget.setTabOrder(self.numbers, self.add_numbers)
        QWidget.setTabOrder(self.add_numbers, self.import_csv)
        QWidget.setTabOrder(self.import_csv, self.numbers_table)

        self.retranslateUi(NumbersPage)

        QMetaObject.connectSlotsByName(NumbersPage)
    # setupUi

    def retranslateUi(self, NumbersPage):
        self.intro.setText(QCoreApplication.translate("NumbersPage", u"Type or paste the phone numbers you want to move, one per line or separated by commas. You can also import them from a spreadsheet saved as CSV.", None))
#if QT_CONFIG(accessibility)
        self.numbers.setAccessibleName(QCoreApplication.translate("NumbersPage", u"Phone numbers to add", None))
#endif // QT_CONFIG(accessibility)
        self.numbers.setPlaceholderText(QCoreApplication.translate("NumbersPage", u"(212) 555-0123\n"
"212-555-0124, 1-800-555-0199", None))
        self.add_numbers.setText(QCoreApplication.translate("NumbersPage", u"&Add numbers", None))
#if QT_CONFIG(accessibility)
        self.add_numbers.setAccessibleName(QCoreApplication.translate("NumbersPage", u"Add the typed numbers to the list", None))
#endif // QT_CONFIG(accessibility)
        self.import_csv.setText(QCoreApplication.translate("NumbersPage", u"&Import CSV\u2026", None))
#if QT_CONFIG(accessibility)
        self.import_csv.setAccessibleName(QCoreApplication.translate("NumbersPage", u"Import numbers from a CSV file", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.numbers_table.setAccessibleName(QCoreApplication.translate("NumbersPage", u"Numbers to move", None))
#endif // QT_CONFIG(accessibility)
        self.numbers_summary.setText(QCoreApplication.translate("NumbersPage", u"No numbers yet.", None))
        pass
    # retranslateUi

