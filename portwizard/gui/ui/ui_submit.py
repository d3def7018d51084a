# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'submit.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout)

class Ui_SubmitPage(object):
    def setupUi(self, SubmitPage):
        if not SubmitPage.objectName():
            SubmitPage.setObjectName(u"SubmitPage")
        self.page_layout = QVBoxLayout(SubmitPage)
        self.page_layout.setObjectName(u"page_layout")
        self.intro = QLabel(SubmitPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.send_row = QHBoxLayout()
        self.send_row.setObjectName(u"send_row")
        self.send_row.setContentsMargins(0, 0, 0, 0)
        self.submit_order = QPushButton(SubmitPage)
        self.submit_order.setObjectName(u"submit_order")

        self.send_row.addWidget(self.submit_order)

        self.send_row_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.send_row.addItem(self.send_row_spacer)


        self.page_layout.addLayout(self.send_row)

        self.progress = QProgressBar(SubmitPage)
        self.progress.setObjectName(u"progress")
        self.progress.setMaximum(0)
        self.progress.setTextVisible(False)

        self.page_layout.addWidget(self.progress)

        self.submit_status = QLabel(SubmitPage)
        self.submit_status.setObjectName(u"submit_status")
        self.submit_status.setWordWrap(True)
        self.submit_status.setTextFormat(Qt.TextFormat.RichText)
        self.submit_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.page_layout.addWidget(self.submit_status)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)


        self.retranslateUi(SubmitPage)

        QMetaObject.connectSlotsByName(SubmitPage)
    # setupUi

    def retranslateUi(self, SubmitPage):
        self.intro.setText(QCoreApplication.translate("SubmitPage", u"When you press Send, your order and documents go to your new provider. Nothing changes on your phones yet: they keep working with your current carrier until the switch date.", None))
        self.submit_order.setText(QCoreApplication.translate("SubmitPage", u"&Send order", None))
#if QT_CONFIG(accessibility)
        self.submit_order.setAccessibleName(QCoreApplication.translate("SubmitPage", u"Send the order", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progress.setAccessibleName(QCoreApplication.translate("SubmitPage", u"Sending progress", None))
#endif // QT_CONFIG(accessibility)
        self.submit_status.setText("")
#if QT_CONFIG(accessibility)
        self.submit_status.setAccessibleName(QCoreApplication.translate("SubmitPage", u"Result of sending", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

