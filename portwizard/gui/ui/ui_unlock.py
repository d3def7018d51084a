# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QToolButton,
    QVBoxLayout, QWidget)

class Ui_UnlockPage(object):
    def setupUi(self, UnlockPage):
        if not UnlockPage.objectName():
            UnlockPage.setObjectName(u"UnlockPage")
        self.page_layout = QVBoxLayout(UnlockPage)
        self.page_layout.setObjectName(u"page_layout")
        self.unlock_howto = QLabel(UnlockPage)
        self.unlock_howto.setObjectName(u"unlock_howto")
        self.unlock_howto.setWordWrap(True)
        self.unlock_howto.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.unlock_howto)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.carrier__pin_label = QLabel(UnlockPage)
        self.carrier__pin_label.setObjectName(u"carrier__pin_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.carrier__pin_label)

        self.pin_row = QHBoxLayout()
        self.pin_row.setObjectName(u"pin_row")
        self.pin_row.setContentsMargins(0, 0, 0, 0)
        self.carrier__pin = QLineEdit(UnlockPage)
        self.carrier__pin.setObjectName(u"carrier__pin")

        self.pin_row.addWidget(self.carrier__pin)

        self.help_unlock_code = QToolButton(UnlockPage)
        self.help_unlock_code.setObjectName(u"help_unlock_code")

        self.pin_row.addWidget(self.help_unlock_code)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.pin_row)

        self.carrier__digital_unlocked = QCheckBox(UnlockPage)
        self.carrier__digital_unlocked.setObjectName(u"carrier__digital_unlocked")

        self.form.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.carrier__digital_unlocked)


        self.page_layout.addLayout(self.form)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.bottom_spacer)

#if QT_CONFIG(shortcut)
        self.carrier__pin_label.setBuddy(self.carrier__pin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.carrier__pin, self.help_unlock_code)
        QWidget.setTabOrder(self.help_unlock_code, self.carrier__digital_unlocked)

        self.retranslateUi(UnlockPage)

        QMetaObject.connectSlotsByName(UnlockPage)
    # setupUi

    def retranslateUi(self, UnlockPage):
        self.unlock_howto.setText("")
        self.carrier__pin_label.setText(QCoreApplication.translate("UnlockPage", u"&Code they gave you:", None))
#if QT_CONFIG(accessibility)
        self.carrier__pin.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Unlock code", None))
#endif // QT_CONFIG(accessibility)
        self.carrier__pin.setPlaceholderText(QCoreApplication.translate("UnlockPage", u"the code shown after unlocking", None))
        self.help_unlock_code.setText(QCoreApplication.translate("UnlockPage", u"?", None))
#if QT_CONFIG(accessibility)
        self.help_unlock_code.setAccessibleName(QCoreApplication.translate("UnlockPage", u"Where do I find the unlock code?", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.help_unlock_code.setToolTip(QCoreApplication.translate("UnlockPage", u"Where do I find the unlock code?", None))
#endif // QT_CONFIG(tooltip)
        self.carrier__digital_unlocked.setText(QCoreApplication.translate("UnlockPage", u"I have &unlocked my number(s) on the provider's website", None))
#if QT_CONFIG(accessibility)
        self.carrier__digital_unlocked.setAccessibleName(QCoreApplication.translate("UnlockPage", u"I have unlocked my numbers", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

